package dev.smelt.activities.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Constants for computations that are differentiated. DJL's number overloads ({@code x.mul(0.5)},
 * {@code x.div(n)}) wrap the number in a tensor over a Java direct buffer and close it as soon as
 * the op returns; autograd keeps that tensor for the backward pass, and once a garbage collection
 * has freed the buffer the backward pass reads whatever the memory holds by then. That made
 * gradients wrong now and then (the query and key gradients of one layer came out 0 in one step
 * of 240) and training runs in two JVMs differ. A constant made here lives in PyTorch's own memory,
 * owned by the tensor, however long autograd holds it.
 */
public final class Scalars {
  private Scalars() {}

  /** A float32 scalar allocated by PyTorch, attached to {@code manager}. */
  public static NDArray of(NDManager manager, float value) {
    return manager.full(new Shape(), value, DataType.FLOAT32);
  }
}
