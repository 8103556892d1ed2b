package dev.smelt.activities.pretrain;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.smelt.activities.model.Gpt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Data parallelism inside one worker, as PyTorch's {@code DataParallel}: one copy of the model per
 * device, the first being the master that the optimizer updates and checkpoints save. Each step
 * every copy runs the forward and backward pass of its share of the batch; the copies' gradients
 * are then added into the master's, in device order, and after the update the master's weights
 * are copied back out. With one device this is a plain training loop.
 *
 * <p>Adding the copies' gradients after one backward pass each gives the same bits as running
 * their shares one after the other on one device (gradient accumulation adds in the same order),
 * which the tests use to check the exchange on CPU copies.
 */
final class Replicas implements AutoCloseable {
  private final Gpt master;
  private final List<Gpt> copies = new ArrayList<>();

  /** {@code master} plus a copy of it on each further device in {@code devices} (the first is its own). */
  Replicas(Gpt master, List<Device> devices, long seed, NDManager parent) {
    this.master = master;
    for (Device d : devices.subList(1, devices.size())) {
      Gpt copy = new Gpt(master.config(), master.vocabSize(), master.bidirectional(), seed,
          parent, d);
      copies.add(copy);
    }
    broadcastWeights();
  }

  Gpt master() {
    return master;
  }

  int count() {
    return 1 + copies.size();
  }

  /** Copy {@code i} (0 is the master). */
  Gpt get(int i) {
    return i == 0 ? master : copies.get(i - 1);
  }

  /**
   * Adds every copy's gradients into {@code masterGrads} (the master's, see {@link Gradients#of})
   * in device order, and clears the copies' own.
   */
  void gatherGradients(Map<String, NDArray> masterGrads, NDManager step) {
    for (Gpt copy : copies) {
      Map<String, NDArray> grads = Gradients.of(copy.parameters(), step);
      grads.forEach((name, g) -> {
        NDArray target = masterGrads.get(name);
        target.addi(g.toDevice(target.getDevice(), false));
      });
      Gradients.zero(grads);
    }
  }

  /** Overwrites the copies' weights with the master's (after each optimizer step and a restore). */
  void broadcastWeights() {
    if (copies.isEmpty()) {
      return;
    }
    try (NDManager scratch = master.manager().newSubManager()) {
      for (Gpt copy : copies) {
        Map<String, NDArray> weights = copy.parameters();
        master.parameters().forEach((name, w) -> {
          NDArray target = weights.get(name);
          NDArray moved = w.toDevice(target.getDevice(), false);
          target.set(new NDIndex(":"), moved); // every weight has rank >= 1
          if (moved != w) {
            moved.attach(scratch);
          }
        });
      }
    }
  }

  /** Closes the copies; the master belongs to the caller. */
  @Override
  public void close() {
    copies.forEach(Gpt::close);
  }
}
