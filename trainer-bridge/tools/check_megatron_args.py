#!/usr/bin/env python3
"""Runs a launch script from `winnow train --launcher megatron` up to torchrun and hands the pretrain_gpt.py
arguments it would pass to Megatron-LM's own parse_args() and validate_args().

    check_megatron_args.py MEGATRON_DIR launch-megatron.sh

Needs bash, torch (CPU is enough), triton and a Megatron-LM checkout. The script runs with TORCHRUN pointing at a
recorder and MEGATRON_DIR at the checkout, so nothing is launched; WORLD_SIZE is nproc_per_node x nnodes, and
the GPU validate_args asks about is answered as compute capability 9 (H100).
"""
import os
import subprocess
import sys
import tempfile
import typing

if not hasattr(typing, "override"):  # Megatron uses typing.override (Python 3.12)
    typing.override = lambda f: f


def main():
    megatron_dir, script = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        recorder = os.path.join(tmp, "torchrun")
        out = os.path.join(tmp, "argv")
        with open(recorder, "w") as f:
            # the arguments, and the environment the script exported for torchrun's workers
            f.write('#!/usr/bin/env bash\nprintf "%s\\n" "$@" > "' + out + '"\nenv > "' + out + '.env"\n')
        os.chmod(recorder, 0o755)
        env = dict(os.environ, TORCHRUN=recorder, MEGATRON_DIR=megatron_dir)
        subprocess.run(["bash", script], env=env, check=True)
        argv = open(out).read().split("\n")[:-1]
        exported = dict(line.split("=", 1) for line in open(out + ".env").read().splitlines() if "=" in line)
    i = next(k for k, a in enumerate(argv) if a.endswith("pretrain_gpt.py"))
    dist, args = argv[:i], argv[i + 1:]
    world = int(dist[dist.index("--nproc_per_node") + 1]) * int(dist[dist.index("--nnodes") + 1])
    for k in ("CUDA_DEVICE_MAX_CONNECTIONS", "NVTE_FWD_LAYERNORM_SM_MARGIN", "NVTE_BWD_LAYERNORM_SM_MARGIN"):
        if k in exported:
            os.environ[k] = exported[k]
    os.environ.update(RANK="0", WORLD_SIZE=str(world))
    sys.path.insert(0, megatron_dir)
    import megatron.training.arguments as megatron_arguments  # noqa: E402
    from megatron.training.arguments import parse_args, validate_args  # noqa: E402
    # validate_args asks the GPU's architecture when tensor parallelism is on; there is no GPU here: answer sm90
    megatron_arguments.get_device_arch_version = lambda: 9
    sys.argv = ["pretrain_gpt.py"] + args
    parsed = parse_args()
    validate_args(parsed)
    print(f"Megatron-LM accepted {len(args)} arguments for {world} GPUs: {parsed.num_layers} layers, hidden {parsed.hidden_size}, "
          f"ffn {parsed.ffn_hidden_size}, heads {parsed.num_attention_heads}, seq {parsed.seq_length}, "
          f"position {parsed.position_embedding_type}, swiglu {parsed.swiglu}, norm {parsed.normalization}, lr {parsed.lr}, "
          f"min_lr {parsed.min_lr}, warmup {parsed.lr_warmup_iters}, beta2 {parsed.adam_beta2}, clip {parsed.clip_grad}, "
          f"bf16 {parsed.bf16}, global batch {parsed.global_batch_size}, data-parallel {parsed.data_parallel_size}, "
          f"train data {parsed.train_data_path}")


if __name__ == "__main__":
    main()
