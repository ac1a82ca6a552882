package io.winnow.spark;

import io.winnow.core.stage.StageLauncher;
import java.nio.file.Path;
import java.util.List;

/** A `steps` run on the Spark engine in its own JVM (master from -Dspark.master), for the kill test. */
public final class ChildRun {
    private ChildRun() {}

    /** Arguments: input directory, output directory, then --set assignments. */
    public static void main(String[] args) throws Exception {
        List<String> sets = List.of(args).subList(2, args.length);
        StageLauncher.run("steps", null, sets, List.of(Path.of(args[0])), Path.of(args[1]), SparkEngineStagesTest.options("spark"));
        System.exit(0);
    }
}
