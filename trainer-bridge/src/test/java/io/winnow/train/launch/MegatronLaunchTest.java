package io.winnow.train.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.config.Config;
import io.winnow.mixture.manifest.Manifest;
import io.winnow.mixture.megatron.DType;
import io.winnow.mixture.megatron.MegatronIndexedWriter;
import io.winnow.train.config.PretrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Megatron-LM launch: arguments checked against the options of Megatron's own parser, and the script run up to torchrun. */
class MegatronLaunchTest {
    @TempDir Path tmp;
    Path mix;

    /** A finished mix with two train files and one validation file (a manifest as `winnow mix` writes it). */
    @BeforeEach
    void mix() throws Exception {
        mix = tmp.resolve("mix");
        long[] tokens = new long[3];
        String[] names = {"train/part-00000", "train/part-00001", "valid/part-00000"};
        for (int f = 0; f < 3; f++) {
            Files.createDirectories(mix.resolve(names[f]).getParent());
            try (MegatronIndexedWriter w = new MegatronIndexedWriter(mix.resolve(names[f]), DType.INT32)) {
                for (int d = 0; d < 5 + f; d++) w.addDocument(new int[] {1, 2, 3, 4, 5, 6, 7, 2});
                w.finish();
                tokens[f] = w.tokens();
            }
        }
        Files.writeString(mix.resolve("manifest.json"), """
                {"format": "winnow-mixture/1", "config_sha256": "abc",
                 "tokenizer": {"path": "/data/tok/baichuan2.model", "vocab_size": 125696, "dtype": "int32", "append_eod": true, "eod_id": 2},
                 "splits": {"train": {"tokens": %d, "datasets": [{"prefix": "train/part-00000", "tokens": %d, "documents": 5},
                                                                 {"prefix": "train/part-00001", "tokens": %d, "documents": 6}]},
                            "valid": {"tokens": %d, "datasets": [{"prefix": "valid/part-00000", "tokens": %d, "documents": 7}]}}}
                """.formatted(tokens[0] + tokens[1], tokens[0], tokens[1], tokens[2], tokens[2]));
    }

    private PretrainConfig config(String file, String... sets) {
        List<String> all = new ArrayList<>(List.of(sets));
        all.add("data.mixture=" + mix);
        return PretrainConfig.bind(Config.load(repo().resolve("configs/train/" + file)).set(all));
    }

    @Test
    void baichuan2SevenBArgumentsAreAllKnownToMegatronsParser() throws Exception {
        MegatronOptions options = new MegatronOptions();
        PretrainConfig cfg = config("baichuan2-7b.yaml");
        MegatronArguments args = new MegatronArguments(cfg, Manifest.read(mix), mix);
        List<String> flat = args.flat();
        assertEquals(List.of(), options.check(flat), "checked against Megatron-LM " + options.commit);
        // Baichuan 2 7B's published shape and training recipe
        assertValue(flat, "--num-layers", "32");
        assertValue(flat, "--hidden-size", "4096");
        assertValue(flat, "--ffn-hidden-size", "11008");
        assertValue(flat, "--num-attention-heads", "32");
        assertValue(flat, "--seq-length", "4096");
        assertValue(flat, "--position-embedding-type", "rope");
        assertValue(flat, "--normalization", "RMSNorm");
        assertValue(flat, "--lr", "0.0002");
        assertValue(flat, "--lr-warmup-iters", "2000");
        assertValue(flat, "--lr-decay-style", "cosine");
        assertValue(flat, "--adam-beta1", "0.9");
        assertValue(flat, "--adam-beta2", "0.95");
        assertValue(flat, "--weight-decay", "0.1");
        assertValue(flat, "--clip-grad", "0.5");
        assertValue(flat, "--global-batch-size", "1024");
        assertValue(flat, "--train-iters", "619889"); // ceil(2.6e12 / (1,024 x 4,096))
        assertValue(flat, "--tensor-model-parallel-size", "2");
        assertValue(flat, "--tokenizer-model", "/data/tok/baichuan2.model");
        for (String f : List.of("--swiglu", "--bf16", "--disable-bias-linear", "--untie-embeddings-and-output-weights", "--sequence-parallel")) {
            assertTrue(flat.contains(f), f);
        }
        assertEquals(64, args.dataParallel()); // 16 nodes x 8 GPUs / TP 2
        assertEquals(125_696, args.paddedVocab(), "125,696 = 491 x 256: no padding at TP 2");
        // blend weights: the files' token counts, prefixes under ${DATA_DIR}
        int t = flat.indexOf("--train-data-path");
        assertEquals(List.of("40", "${DATA_DIR}/train/part-00000", "48", "${DATA_DIR}/train/part-00001"), flat.subList(t + 1, t + 5));
        int v = flat.indexOf("--valid-data-path");
        assertEquals(List.of("56", "${DATA_DIR}/valid/part-00000"), flat.subList(v + 1, v + 3));
    }

    @Test
    void megatronHasNoAlibiSoThe13BShapeIsRefusedUnlessRopeIsChosen() throws Exception {
        MegatronOptions options = new MegatronOptions();
        assertFalse(options.byFlag.get("--position-embedding-type").choices().contains("alibi"),
                "Megatron-LM gained ALiBi: generate it instead of refusing");
        PretrainConfig cfg = config("baichuan2-13b.yaml");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MegatronArguments(cfg, Manifest.read(mix), mix).flat());
        assertTrue(e.getMessage().contains("no ALiBi") && e.getMessage().contains("model.position=rope"), e.getMessage());
        List<String> flat = new MegatronArguments(config("baichuan2-13b.yaml", "model.position=rope"), Manifest.read(mix), mix).flat();
        assertEquals(List.of(), options.check(flat));
        assertValue(flat, "--num-layers", "40");
        assertValue(flat, "--hidden-size", "5120");
        assertValue(flat, "--ffn-hidden-size", "13696");
        assertValue(flat, "--lr", "0.00015");
    }

    @Test
    void checkerRejectsWhatArgparseWould() throws Exception {
        MegatronOptions o = new MegatronOptions();
        assertEquals(1, o.check(List.of("--num-layer", "2")).size(), "a misspelt flag");
        assertEquals(1, o.check(List.of("--swiglu", "true")).size(), "a value after a store_true flag");
        assertEquals(1, o.check(List.of("--num-layers", "2.5")).size(), "a float for an int");
        assertEquals(1, o.check(List.of("--normalization", "rmsnorm")).size(), "not a choice");
        assertEquals(1, o.check(List.of("--lr")).size(), "a missing value");
    }

    @Test
    void scriptPassesExactlyTheseArgumentsToTorchrun() throws Exception {
        PretrainConfig cfg = config("baichuan2-7b.yaml", "megatron.nodes=2", "megatron.gpus_per_node=4");
        MegatronArguments args = new MegatronArguments(cfg, Manifest.read(mix), mix);
        String script = MegatronScript.render(args, cfg, tmp.resolve("save"), "configs/train/baichuan2-7b.yaml");
        Path file = tmp.resolve("launch-megatron.sh");
        Files.writeString(file, script);
        Path megatron = Files.createDirectories(tmp.resolve("Megatron-LM"));
        Files.writeString(megatron.resolve("pretrain_gpt.py"), "");
        Path argv = tmp.resolve("argv");
        Path recorder = tmp.resolve("torchrun");
        Files.writeString(recorder, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > '" + argv + "'\n");
        Files.setPosixFilePermissions(recorder, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true);
        pb.environment().put("TORCHRUN", recorder.toString());
        pb.environment().put("MEGATRON_DIR", megatron.toString());
        pb.environment().put("NODE_RANK", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> got = Files.readAllLines(argv);
        List<String> want = new ArrayList<>(List.of("--nproc_per_node", "4", "--nnodes", "2", "--node_rank", "1", "--master_addr", "localhost",
                "--master_port", "29500", megatron + "/pretrain_gpt.py"));
        for (String a : args.flat()) {
            want.add(a.replace("${DATA_DIR}", mix.toAbsolutePath().normalize().toString()).replace("${SAVE_DIR}", tmp.resolve("save").toString()));
        }
        assertEquals(want, got);

        // a node that sees no data stops before launching, naming the file
        pb.environment().put("DATA_DIR", tmp.resolve("elsewhere").toString());
        Process q = pb.start();
        String err = new String(q.getInputStream().readAllBytes());
        assertTrue(q.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, q.exitValue());
        assertTrue(err.contains("missing " + tmp.resolve("elsewhere") + "/train/part-00000.bin"), err);
    }

    private static void assertValue(List<String> args, String flag, String value) {
        int i = args.indexOf(flag);
        assertTrue(i >= 0, flag + " missing");
        assertEquals(value, args.get(i + 1), flag);
    }

    static Path repo() {
        String p = System.getProperty("winnow.repo");
        return p != null ? Path.of(p) : Path.of("..").toAbsolutePath().normalize();
    }
}
