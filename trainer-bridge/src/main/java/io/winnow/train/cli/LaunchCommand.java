package io.winnow.train.cli;

import io.winnow.mixture.manifest.Manifest;
import io.winnow.train.config.PretrainConfig;
import io.winnow.train.launch.MegatronArguments;
import io.winnow.train.launch.MegatronScript;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import picocli.CommandLine;

/** {@code winnow train CONFIG --launcher megatron [--dry-run | --execute]}. */
final class LaunchCommand {
    static final String SCRIPT = "launch-megatron.sh";

    private LaunchCommand() {}

    static int run(PretrainConfig cfg, String configFile, String launcher, boolean dryRun, boolean execute, PrintWriter out, CommandLine cl)
            throws IOException, InterruptedException {
        if (!launcher.toLowerCase(Locale.ROOT).equals("megatron")) {
            throw new CommandLine.ParameterException(cl, "--launcher: only megatron (torchrun + Megatron-LM pretrain_gpt.py) is known, got '" + launcher + "'");
        }
        if (dryRun && execute) throw new CommandLine.ParameterException(cl, "--dry-run prints the script; --execute runs it: choose one");
        if (cfg.data.mixture == null || cfg.data.mixture.isBlank()) {
            throw new IllegalArgumentException("data.mixture: give a finished `winnow mix` directory");
        }
        Path mix = Path.of(cfg.data.mixture);
        Manifest manifest = Manifest.read(mix);
        Path saveDir = cfg.megatron.save != null ? Path.of(cfg.megatron.save) : cfg.outputDir().resolve("megatron");
        MegatronArguments args = new MegatronArguments(cfg, manifest, mix);
        String script = MegatronScript.render(args, cfg, saveDir, configFile);
        if (dryRun) {
            out.print(script);
            out.flush();
            return 0;
        }
        Path dir = cfg.outputDir();
        Files.createDirectories(dir);
        Path file = dir.resolve(SCRIPT);
        Path tmp = dir.resolve(SCRIPT + ".tmp");
        Files.writeString(tmp, script, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: run it with bash
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out.println("train: wrote " + file + " (" + args.trainIters() + " steps on " + cfg.megatron.nodes + " x " + cfg.megatron.gpusPerNode
                + " GPUs); run it on every node with NODE_RANK and MASTER_ADDR set" + (execute ? "; running it on this node now" : ""));
        out.flush();
        if (!execute) return 0;
        Process p = new ProcessBuilder("bash", file.toString()).inheritIO().start();
        int code = p.waitFor();
        if (code != 0) out.println("train: " + file + " exited with " + code);
        return code == 0 ? 0 : 1;
    }
}
