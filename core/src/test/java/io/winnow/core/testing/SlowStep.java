package io.winnow.core.testing;

import io.winnow.core.doc.Document;
import io.winnow.core.step.Mapper;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * Test-only step that spends time per document, so a test can kill a run part-way through. Modules whose tests use
 * it register {@link Factory} in their test resources ({@code META-INF/services/io.winnow.core.step.StepFactory}).
 */
public final class SlowStep extends Mapper {
    public static final class Params {
        public long microsPerDoc = 200;
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "test_slow"; }
        @Override public String description() { return "test only: sleeps micros_per_doc per document"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new SlowStep(name, p.microsPerDoc); }
    }

    private final long micros;

    private SlowStep(String name, long micros) {
        super(name);
        this.micros = micros;
    }

    @Override
    protected Document map(Document doc) {
        LockSupport.parkNanos(micros * 1000);
        return doc;
    }
}
