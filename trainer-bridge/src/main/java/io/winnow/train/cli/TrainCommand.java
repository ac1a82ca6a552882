package io.winnow.train.cli;

import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.train.config.PretrainConfig;
import io.winnow.train.run.Pretrainer;
import io.winnow.train.run.RunStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code winnow train configs/train/NAME.yaml [--set key=value] [--resume DIR] [--launcher megatron ...]}. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Pretrain a Baichuan-2-style decoder (pre-RMSNorm, RoPE or ALiBi, SwiGLU, NormHead, max-z loss) on a",
                "`winnow mix` directory with DJL's PyTorch engine: AdamW (0.9, 0.95), warmup + cosine, clipping, accumulation;",
                "CUDA when DJL sees a GPU (fp16, loss-scaled), else the CPU (fp32). Or, with --launcher megatron, write a torchrun +",
                "Megatron-LM pretrain_gpt.py script for N nodes x G GPUs on the same data."},
        footer = {"", "Writes into the config's output (default build/train/NAME):",
                "  metrics.jsonl  step, loss, z_loss, lr, grad_norm, tokens, tokens_per_s;",
                "                 val_loss",
                "  loss.png       training and validation loss",
                "  checkpoints/   step-NNNNNNNN/ (model.params, optimizer.ndlist, state.json)",
                "                 and latest",
                "Ctrl-C finishes the step, writes a checkpoint and exits; --resume OUTPUT",
                "continues exactly where it stopped.",
                "Presets: tiny, small, baichuan2-7b, baichuan2-13b.",
                "Examples: configs/train/tiny.yaml, configs/train/baichuan2-7b.yaml;",
                "trainer-bridge/README.md has every key, the GPU setup and the Megatron launcher."})
public final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "Training config (see configs/train/).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value, e.g. --set train.steps=500 --set model.position=alibi (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue from a checkpoint: a run directory (its latest checkpoint) or checkpoints/step-N.")
    Path resume;

    @Option(names = "--device", paramLabel = "DEVICE", description = "auto (CUDA if DJL finds a GPU, else CPU), cpu, gpu or gpu:N; overrides the config.")
    String device;

    @Option(names = "--output", paramLabel = "DIR", description = "Run directory (default: the config's output, or build/train/NAME).")
    Path output;

    @Option(names = "--stop-after", paramLabel = "STEP", description = "Stop after this step with a checkpoint, as an interrupted run would (resume later).")
    Long stopAfter;

    @Option(names = "--launcher", paramLabel = "NAME", description = "Instead of training here, write a launch script: megatron (torchrun + Megatron-LM).")
    String launcher;

    @Option(names = "--dry-run", description = "With --launcher: print the script instead of writing it.")
    boolean dryRun;

    @Option(names = "--execute", description = "With --launcher: write the script and run it (on this node; NODE_RANK from the environment).")
    boolean execute;

    @Override
    public Integer call() throws Exception {
        Config raw = Config.load(config).set(sets);
        PretrainConfig cfg = PretrainConfig.bind(raw);
        if (device != null) cfg.device = device;
        if (output != null) cfg.output = output.toString();
        PrintWriter out = spec.commandLine().getOut();
        if (launcher != null) {
            try {
                return LaunchCommand.run(cfg, config.toString(), launcher, dryRun, execute, out, spec.commandLine());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(config.toString(), null, e.getMessage());
            }
        }
        if (dryRun || execute) throw new CommandLine.ParameterException(spec.commandLine(), "--dry-run and --execute go with --launcher megatron");
        Pretrainer trainer = new Pretrainer(cfg, line -> {
            out.println(line);
            out.flush();
        });
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            trainer.requestStop();
            try {
                done.await(10, TimeUnit.MINUTES); // let the loop finish its step and write the checkpoint
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "winnow-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            long t0 = System.nanoTime();
            Pretrainer.Result r = trainer.run(resume, stopAfter);
            RunStats.write(r.outputDir(), "train", r, Path.of(cfg.data.mixture), raw.tree(), (System.nanoTime() - t0) / 1e9);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.toString(), null, e.getMessage());
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("train: " + e.getMessage());
            return 1;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        return 0;
    }
}
