package io.winnow.mixture.count;

import java.nio.file.Path;

/**
 * One input shard of a mix: its position in the sorted list of all shards, its path as the config named it
 * (relative paths stay relative), and the sources whose paths include it, in config order.
 */
public record ShardInput(int index, Path path, int[] sources) {}
