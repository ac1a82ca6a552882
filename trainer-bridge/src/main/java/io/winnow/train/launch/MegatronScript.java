package io.winnow.train.launch;

import io.winnow.train.config.PretrainConfig;
import io.winnow.train.model.ModelSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Renders {@link MegatronArguments} as a bash script that runs {@code torchrun ... pretrain_gpt.py} on one node of
 * a multi-node job. Run the same script on every node with its {@code NODE_RANK} (and {@code MASTER_ADDR} naming
 * node 0); {@code MEGATRON_DIR}, {@code DATA_DIR} and {@code SAVE_DIR} may be overridden from the environment
 * where the nodes see the files under other paths. The script checks for torchrun, Megatron and every data file
 * before it starts.
 */
public final class MegatronScript {
    private MegatronScript() {}

    public static String render(MegatronArguments a, PretrainConfig cfg, Path saveDir, String configSource) {
        ModelSpec s = a.model();
        PretrainConfig.Megatron m = cfg.megatron;
        StringBuilder b = new StringBuilder();
        b.append("#!/usr/bin/env bash\n");
        b.append("# Megatron-LM launch for '").append(cfg.name).append("' (").append(configSource).append("), written by winnow train --launcher megatron.\n");
        b.append(String.format(Locale.ROOT, "# Model: %d layers, width %d, %d heads, SwiGLU %d, sequence %d, vocabulary %,d (Megatron pads it to %,d);%n",
                s.numLayers(), s.hiddenSize(), s.numHeads(), s.ffnHiddenSize(), s.seqLength(), s.vocabSize(), a.paddedVocab()));
        b.append(String.format(Locale.ROOT, "# %d node(s) x %d GPU(s); %,d steps of %,d sequences (%,d tokens per step).%n",
                m.nodes, m.gpusPerNode, a.trainIters(), a.globalBatch(), (long) a.globalBatch() * s.seqLength()));
        b.append("# Not available in Megatron-LM and so not in this run: NormHead (normalized output embedding) and the\n");
        b.append("# max-z loss (its z-loss is for MoE routers); winnow train in process has both.\n");
        b.append("# Run on every node:  NODE_RANK=<0..").append(m.nodes - 1).append("> MASTER_ADDR=<node 0> bash ")
                .append("launch-megatron.sh\n");
        b.append("set -euo pipefail\n\n");
        b.append("MEGATRON_DIR=\"${MEGATRON_DIR:-").append(m.megatronDir).append("}\"\n");
        b.append(MegatronArguments.DATA_DIR).append("=\"${").append(MegatronArguments.DATA_DIR).append(":-").append(a.mixDir()).append("}\"\n");
        b.append(MegatronArguments.SAVE_DIR).append("=\"${").append(MegatronArguments.SAVE_DIR).append(":-").append(saveDir.toAbsolutePath().normalize()).append("}\"\n");
        b.append("NNODES=").append(m.nodes).append("\n");
        b.append("GPUS_PER_NODE=").append(m.gpusPerNode).append("\n");
        b.append("NODE_RANK=\"${NODE_RANK:-0}\"\n");
        b.append("MASTER_ADDR=\"${MASTER_ADDR:-").append(m.masterAddr).append("}\"\n");
        b.append("MASTER_PORT=\"${MASTER_PORT:-").append(m.masterPort).append("}\"\n");
        b.append("TORCHRUN=\"${TORCHRUN:-torchrun}\"\n");
        b.append("export CUDA_DEVICE_MAX_CONNECTIONS=\"${CUDA_DEVICE_MAX_CONNECTIONS:-1}\"\n\n");
        b.append("DISTRIBUTED_ARGS=(--nproc_per_node \"$GPUS_PER_NODE\" --nnodes \"$NNODES\" --node_rank \"$NODE_RANK\" "
                + "--master_addr \"$MASTER_ADDR\" --master_port \"$MASTER_PORT\")\n\n");
        for (MegatronArguments.Group g : a.groups()) {
            b.append("# ").append(g.comment()).append("\n");
            b.append(g.name()).append("=(\n");
            List<String> args = g.args();
            for (int i = 0; i < args.size(); ) {
                b.append("  ").append(quote(args.get(i)));
                i++;
                while (i < args.size() && !args.get(i).startsWith("--")) b.append(' ').append(quote(args.get(i++)));
                b.append("\n");
            }
            b.append(")\n\n");
        }
        b.append("command -v \"$TORCHRUN\" >/dev/null || { echo \"launch-megatron: $TORCHRUN not found (install PyTorch with CUDA)\" >&2; exit 1; }\n");
        b.append("[ -f \"$MEGATRON_DIR/pretrain_gpt.py\" ] || { echo \"launch-megatron: no pretrain_gpt.py in $MEGATRON_DIR (set MEGATRON_DIR to a Megatron-LM checkout)\" >&2; exit 1; }\n");
        b.append("for arg in \"${DATA_ARGS[@]}\"; do\n");
        b.append("  case \"$arg\" in \"$DATA_DIR\"/*) for ext in bin idx; do\n");
        b.append("    [ -f \"$arg.$ext\" ] || { echo \"launch-megatron: missing $arg.$ext (set DATA_DIR to where this node sees the mix)\" >&2; exit 1; }\n");
        b.append("  done ;; esac\n");
        b.append("done\n");
        b.append("mkdir -p \"$SAVE_DIR\"\n\n");
        b.append("exec \"$TORCHRUN\" \"${DISTRIBUTED_ARGS[@]}\" \"$MEGATRON_DIR/pretrain_gpt.py\"");
        for (MegatronArguments.Group g : a.groups()) b.append(" \\\n  \"${").append(g.name()).append("[@]}\"");
        b.append("\n");
        return b.toString();
    }

    /** Double quotes, keeping ${VAR} expansion; anything else that bash would interpret is escaped. */
    static String quote(String s) {
        if (s.matches("[A-Za-z0-9_./:=+,-]+")) return s;
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                int end = s.indexOf('}', i);
                q.append(s, i, end + 1);
                i = end;
            } else {
                if (c == '"' || c == '\\' || c == '$' || c == '`') q.append('\\');
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
