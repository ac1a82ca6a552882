package io.winnow.dedup.spark;

import io.winnow.dedup.cli.DedupCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * Entry point for spark-submit: {@code spark-submit --class io.winnow.dedup.spark.SparkDedupMain
 * winnow-minhash-dedup-spark-*-all.jar --input ... --output ...}. Takes the options of
 * {@code winnow dedup} and runs the spark engine unless {@code --engine} says otherwise.
 */
public final class SparkDedupMain {
    private SparkDedupMain() {}

    public static void main(String[] args) {
        List<String> a = new ArrayList<>(Arrays.asList(args));
        if (!a.contains("--engine") && a.stream().noneMatch(x -> x.startsWith("--engine="))) {
            a.add("--engine");
            a.add("spark");
        }
        int code = new CommandLine(new DedupCommand()).setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("dedup: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }).execute(a.toArray(new String[0]));
        System.exit(code);
    }
}
