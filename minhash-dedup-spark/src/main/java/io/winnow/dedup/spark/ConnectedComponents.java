package io.winnow.dedup.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Connected components of an undirected graph, computed distributed with the alternating
 * Large-Star / Small-Star algorithm (Kiveris, Lattanzi, Mirrokni, Rastogi, Vassilvitskii,
 * "Connected Components in MapReduce and Beyond", SoCC 2014). No step gathers the edges on one
 * machine: every round is a few group-bys and joins over the edge list. Edges are kept oriented
 * from the larger to the smaller node; at convergence every component is a star around its
 * smallest node.
 */
public final class ConnectedComponents {
    private ConnectedComponents() {}

    /** The outcome: {@code (node, component)} for every node on an edge (component = smallest node), and the rounds it took. */
    public record Result(Dataset<Row> members, int rounds) {}

    /**
     * @param edges rows of two long columns {@code a}, {@code b} (order and repeats do not matter)
     */
    public static Result of(Dataset<Row> edges, int maxRounds) {
        Dataset<Row> e = edges.select(greatest(col("a"), col("b")).as("u"), least(col("a"), col("b")).as("v"))
                .where(col("u").notEqual(col("v"))).distinct().localCheckpoint();
        int round = 0;
        while (true) {
            round++;
            Dataset<Row> next = smallStar(largeStar(e)).localCheckpoint();
            boolean same = next.count() == e.count() && next.except(e).isEmpty();
            e = next;
            if (same) break;
            if (round >= maxRounds) {
                throw new IllegalStateException("connected components did not converge in " + maxRounds
                        + " large-star/small-star rounds (raise spark.max_rounds)");
            }
        }
        Dataset<Row> members = e.select(col("u").as("node"), col("v").as("comp"))
                .union(e.select(col("v").as("node"), col("v").as("comp"))).distinct();
        return new Result(members, round);
    }

    /** Every node links its strictly larger neighbours to the smallest node of its closed neighbourhood. */
    static Dataset<Row> largeStar(Dataset<Row> e) {
        Dataset<Row> both = e.select(col("u"), col("v")).union(e.select(col("v").as("u"), col("u").as("v")));
        Dataset<Row> mins = both.groupBy("u").agg(min("v").as("mv"));
        return both.join(mins, "u").where(col("v").gt(col("u")))
                .select(col("v").as("u"), least(col("u"), col("mv")).as("v")).distinct();
    }

    /** Every node links itself and its smaller neighbours to the smallest of them. */
    static Dataset<Row> smallStar(Dataset<Row> e) {
        Dataset<Row> mins = e.groupBy("u").agg(min("v").as("m"));
        Dataset<Row> spokes = e.join(mins, "u").where(col("v").notEqual(col("m"))).select(col("v").as("u"), col("m").as("v"));
        return spokes.union(mins.select(col("u"), col("m").as("v"))).distinct();
    }
}
