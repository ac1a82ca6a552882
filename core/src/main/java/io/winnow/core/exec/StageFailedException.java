package io.winnow.core.exec;

/** A stage stopped before finishing; finished shards are kept and a re-run resumes after them. */
public final class StageFailedException extends Exception {
    public StageFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
