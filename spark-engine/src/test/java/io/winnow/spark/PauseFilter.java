package io.winnow.spark;

import io.winnow.core.doc.Document;
import io.winnow.core.step.Filter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import java.util.concurrent.locks.LockSupport;

/** Test only: keeps every document after a pause, so a run lasts long enough to be killed in the middle. */
public final class PauseFilter extends Filter {
    /** {@code pause_micros}: the pause per document. */
    public static final class Settings {
        public long pauseMicros = 1000;
    }

    /** Registered as {@code test_pause} in this module's test resources. */
    public static final class Factory implements StepFactory<Settings> {
        @Override public String type() { return "test_pause"; }
        @Override public String description() { return "test only: waits pause_micros per document, keeps it"; }
        @Override public Class<Settings> paramsType() { return Settings.class; }
        @Override public Step create(String name, Settings s) { return new PauseFilter(name, s.pauseMicros * 1000); }
    }

    private final long nanos;

    private PauseFilter(String name, long nanos) {
        super(name);
        this.nanos = nanos;
    }

    @Override
    protected String check(Document doc) {
        LockSupport.parkNanos(nanos);
        return null;
    }
}
