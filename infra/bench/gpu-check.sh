#!/usr/bin/env bash
# GPU training check of the GPT-2-124M shape through DJL, on a machine with an NVIDIA GPU, CUDA and
# Python PyTorch but no JDK and no network.
#
#   infra/bench/gpu-check.sh prepare        here (JDK 17 + Maven): builds .device/bundle/, a jlink'd
#                                           JRE + the classes and jars DJL needs, WITHOUT the CPU
#                                           libtorch jar (~12 MB of jars; see the size it prints)
#   infra/bench/gpu-check.sh run            there: trains 12 layers/12 heads/d 768, ctx 1024,
#                                           vocab 50257, in DJL on the host's CUDA libtorch, then
#                                           the same model in plain PyTorch; tokens/s and MFU
#   infra/bench/gpu-check.sh run --cpu [--libtorch DIR]
#                                           the run half on a CPU with a tiny shape: proves the
#                                           bundle's JRE starts, the classes load and DJL loads a
#                                           libtorch from PYTORCH_LIBRARY_PATH (default: the one
#                                           DJL unpacked into ~/.cache/smelt/djl)
#
# Settings for `run` (environment): BATCH (8), WARMUP (10), STEPS per repeat (100), REPEATS (3),
# PEAK_TFLOPS (fp32 peak of the GPU, else taken from a table by GPU name), SKIP_TORCH=1.
#
# How DJL finds CUDA: Maven Central serves no CUDA libtorch for 2.7.1, so DJL is pointed at the
# host's torch/lib with PYTORCH_LIBRARY_PATH and told PYTORCH_FLAVOR=cu128, which makes it use the
# cu128 JNI library inside pytorch-jni-2.7.1-0.36.0.jar. That JNI library was linked against
# libtorch 2.7.1's C++ symbols: with another PyTorch (2.11 here) it may fail to load with
# "undefined symbol"; the script says so plainly and still runs the PyTorch half.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
home="$(cd "$here/../.." && pwd)"
bundle="$home/.device/bundle"
jars='api|pytorch-engine|pytorch-jni|gson|jna|commons-compress|commons-io|commons-codec|commons-lang3|slf4j-api|logback-classic|logback-core|jackson-core|jackson-databind|jackson-annotations|smelt-activities|smelt-workflows'

prepare() {
  set -e
  echo "prepare: building (mvn -DskipTests package -pl infra -am)..."
  (cd "$home" && nice -n 10 mvn -B -q -DskipTests package -pl infra -am)
  rm -rf "$bundle" && mkdir -p "$bundle/lib"
  tr ':' '\n' <"$home/infra/target/runtime-classpath.txt" | grep -E "/($jars)-[0-9]" \
    | xargs -I{} cp {} "$bundle/lib/"
  cp -r "$home/infra/target/test-classes/." "$bundle/classes"
  rm -rf "$bundle/classes/dev/smelt/infra/cli" "$bundle/classes/dev/smelt/infra/config"
  cp "$here/train_pytorch.py" "$bundle/"
  # The bundle has no infra/target/classes (so no logback.xml): its own logging config, quiet but
  # for where DJL finds its native library.
  cat >"$bundle/logback-gpu-check.xml" <<'XML'
<configuration>
  <statusListener class="ch.qos.logback.core.status.NopStatusListener"/>
  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n</pattern></encoder>
  </appender>
  <logger name="ai.djl.pytorch.jni.LibUtils" level="DEBUG"/>
  <root level="INFO"><appender-ref ref="STDERR"/></root>
</configuration>
XML
  # jdeps over these jars also names java.desktop and java.compiler: only for optional paths
  # (jna's AWT helpers, jackson's java.beans annotations, annotation processing) that this run
  # never takes; leaving them out saves ~12 MB. jdk.unsupported: Unsafe, used by gson and jna.
  # java.xml: logback reads its XML config.
  local modules=java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported
  nice -n 10 jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --compress=2 --output "$bundle/jre"
  echo "prepare: bundle $(du -sh "$bundle" | cut -f1) at $bundle (jre $(du -sh "$bundle/jre" | cut -f1),"\
    "jars $(du -sh "$bundle/lib" | cut -f1)); copy .device/ and infra/bench/gpu-check.sh to the GPU host"
  ls "$bundle/lib"
}

run() {
  local cpu=0 libtorch=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --cpu) cpu=1 ;;
      --libtorch) libtorch="$2"; shift ;;
      *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
  done
  [ -x "$bundle/jre/bin/java" ] || { echo "no bundle at $bundle: run '$0 prepare' first" >&2; exit 2; }
  # The python3 that has torch (PYTHON overrides): the host's torch/lib is what DJL will load.
  local py="${PYTHON:-}"
  if [ -z "$py" ]; then
    for p in python3 /usr/bin/python3; do
      if "$p" -c 'import torch' 2>/dev/null; then py="$p"; break; fi
    done
  fi
  py="${py:-python3}"
  local shape batch=${BATCH:-8} warmup=${WARMUP:-10} steps=${STEPS:-100} repeats=${REPEATS:-3}
  local device=gpu flavor=cu128 torchdev=cuda
  shape="--layers=12 --heads=12 --d=768 --ctx=1024 --vocab=50257 --dropout=0.1"
  if [ $cpu = 1 ]; then
    shape="--layers=2 --heads=2 --d=64 --ctx=64 --vocab=512 --dropout=0.1"
    batch=${BATCH:-4} warmup=${WARMUP:-2} steps=${STEPS:-5} repeats=${REPEATS:-1}
    device=cpu flavor=cpu torchdev=cpu
    if [ -z "$libtorch" ]; then
      # libtorch 2.7.1 as DJL unpacked it, minus the JNI library cached beside it, so that the
      # JNI comes out of pytorch-jni as it must on the GPU host.
      local src; src="$(ls -d "${DJL_CACHE_DIR:-$HOME/.cache/smelt/djl}"/pytorch/2.7.1-*cpu* | head -1)"
      libtorch="$bundle/work/libtorch-cpu"
      rm -rf "$libtorch" && mkdir -p "$libtorch"
      for f in "$src"/lib*; do ln -s "$f" "$libtorch/"; done
    fi
  fi

  echo "== host"
  uname -srm
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
  "$bundle/jre/bin/java" -version 2>&1 | head -1
  if [ -z "$libtorch" ]; then
    libtorch="$("$py" -c 'import torch,os;print(os.path.dirname(torch.__file__)+"/lib")' 2>/dev/null)" \
      || { echo "FAIL: python3 cannot import torch, and no --libtorch given" >&2; exit 1; }
  fi
  "$py" -c 'import torch; print("python torch", torch.__version__, "cuda", torch.version.cuda,
    "available", torch.cuda.is_available())' 2>&1
  echo "libtorch for DJL: $libtorch"; ls "$libtorch" | tr '\n' ' '; echo

  local tokens="$bundle/work/tokens.i32" work="$bundle/work"
  mkdir -p "$work" && rm -rf "$work/djl-cache" "$tokens"
  local vocab; vocab="$(sed 's/.*--vocab=\([0-9]*\).*/\1/' <<<"$shape")"
  "$py" "$bundle/train_pytorch.py" --mode=make-tokens --tokens="$tokens" --count=$((1 << 22)) \
    --vocab="$vocab" 2>/dev/null || echo "(no python3 torch: DJL writes the tokens)"

  echo "== pre-check: can the cu128/cpu JNI library of pytorch-jni link against this libtorch?"
  "$py" - "$bundle/lib" "$flavor" "$libtorch" <<'EOF'
import ctypes, glob, os, sys, zipfile
lib, flavor, libtorch = sys.argv[1:]
jar = glob.glob(os.path.join(lib, "pytorch-jni-*.jar"))[0]
out = os.path.join(lib, "..", "work", "libdjl_torch-" + flavor + ".so")
with zipfile.ZipFile(jar) as z, open(out, "wb") as f:
    f.write(z.read("jnilib/linux-x86_64/%s/libdjl_torch.so" % flavor))
try:
    for name in ["libc10.so", "libc10_cuda.so", "libtorch_cpu.so", "libtorch_cuda.so", "libtorch.so"]:
        p = os.path.join(libtorch, name)
        if os.path.exists(p):
            ctypes.CDLL(p, mode=ctypes.RTLD_GLOBAL)
    ctypes.CDLL(out, mode=ctypes.RTLD_GLOBAL)
    print("pre-check OK: libdjl_torch (%s) links against %s" % (flavor, libtorch))
except OSError as e:
    print("pre-check FAILED: %s" % e)
EOF

  echo "== DJL: $shape batch=$batch on $device, $repeats x $steps steps after $warmup warm-up"
  local cp="$bundle/classes:$(ls "$bundle"/lib/*.jar | tr '\n' ':')"
  # pip's torch keeps libcudart in site-packages/nvidia/cuda_runtime/lib; DJL's GPU count (JNA)
  # looks for it on the loader path. libtorch itself finds it through its own RUNPATH.
  local cudart
  cudart="$("$py" -c 'import nvidia.cuda_runtime as c; print(list(c.__path__)[0] + "/lib")' 2>/dev/null)"
  [ -d "$cudart" ] && echo "cudart for DJL's GPU count: $cudart"
  LD_LIBRARY_PATH="${cudart:+$cudart:}${LD_LIBRARY_PATH:-}" PYTORCH_LIBRARY_PATH="$libtorch" PYTORCH_FLAVOR="$flavor" DJL_CACHE_DIR="$work/djl-cache" \
    OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" \
    "$bundle/jre/bin/java" -Xmx8g -Dai.djl.offline=true \
    -Dlogback.configurationFile="$bundle/logback-gpu-check.xml" \
    -cp "$cp" dev.smelt.infra.bench.TrainBench --mode=time --device=$device $shape \
    --batch=$batch --warmup=$warmup --steps=$steps --repeats=$repeats --tokens="$tokens" \
    >"$work/djl.txt" 2>&1
  local rc=$?
  grep -E 'Loading native library|INFO|RESULT|PHASES|Exception|Error|undefined symbol' "$work/djl.txt" \
    | sed 's/^/  /' | head -60
  if [ $rc = 0 ] && grep -q '^RESULT djl' "$work/djl.txt"; then
    echo "DJL: LOADED and trained (exit 0)"
  else
    echo "DJL: FAILED (exit $rc); the first error above says what did not load; full log: $work/djl.txt"
  fi

  if [ "${SKIP_TORCH:-0}" != 1 ]; then
    echo "== PyTorch (python3, same model and step, fp32) on $torchdev"
    "$py" "$bundle/train_pytorch.py" --mode=time --device=$torchdev $shape --batch=$batch \
      --warmup=$warmup --steps=$steps --repeats=$repeats --tokens="$tokens" --threads=1 \
      >"$work/torch.txt" 2>&1 || echo "PyTorch: FAILED, see $work/torch.txt"
    grep -E 'INFO|RESULT|PHASES|Error' "$work/torch.txt" | sed 's/^/  /' | head -20
  fi

  echo "== summary"
  summary "$work" "$shape" "$batch"
}

# MFU = tokens/s x (6 N + 12 L d T) / peak, N = parameters without the position table (nanoGPT's
# estimate; the tied head's matmul counts through wte). DJL trains in fp32 and libtorch leaves TF32
# off for matmuls by default, so the fair peak is the GPU's plain fp32 rate; bf16 dense is shown too.
summary() {
  local work="$1" shape="$2"
  local gpu; gpu="$(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null | head -1)"
  local fp32 bf16
  case "$gpu" in
    *H200*|*H100*SXM*|*H100\ 80GB\ HBM3*) fp32=67 bf16=989 ;;
    *H100*PCIe*|*H100*) fp32=51 bf16=756 ;;
    *A100*) fp32=19.5 bf16=312 ;;
    *L40S*) fp32=91.6 bf16=362 ;;
    *) fp32=0 bf16=0 ;;
  esac
  fp32=${PEAK_TFLOPS:-$fp32}
  local L d T
  L=$(sed 's/.*--layers=\([0-9]*\).*/\1/' <<<"$shape"); d=$(sed 's/.*--d=\([0-9]*\).*/\1/' <<<"$shape")
  T=$(sed 's/.*--ctx=\([0-9]*\).*/\1/' <<<"$shape")
  for side in djl torch; do
    local f="$work/$side.txt"
    [ -f "$f" ] || continue
    local n tps
    n=$(sed -n 's/.*parameters=\([0-9]*\).*/\1/p' "$f" | head -1)
    tps=$(grep "^RESULT $side " "$f" | sed 's/.*tokens_per_s=\([^ ]*\).*/\1/' | sort -g \
      | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]}')
    [ -n "$tps" ] || { echo "$side: no result"; continue; }
    awk -v s="$side" -v n="$n" -v t="$tps" -v L="$L" -v d="$d" -v T="$T" -v p32="$fp32" \
      -v p16="$bf16" -v g="${gpu:-unknown GPU}" 'BEGIN {
      fpt = 6 * (n - T * d) + 12 * L * d * T; f = t * fpt
      printf "%-5s tokens/s %9.1f  model TFLOP/s %7.2f  (%.3g FLOP/token)", s, t, f / 1e12, fpt
      if (p32 > 0) printf "  MFU %.1f%% of %s fp32 %.1f TFLOP/s, %.1f%% of bf16 dense %d", \
        100 * f / (p32 * 1e12), g, p32, 100 * f / (p16 * 1e12), p16
      printf "\n" }'
  done
}

case "${1:-}" in
  prepare) prepare ;;
  run) shift; run "$@" ;;
  *) sed -n '2,30p' "$0"; exit 2 ;;
esac
