package dev.smelt.activities.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.smelt.activities.checkpoint.SafeTensors.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies between live NDArrays and safetensors tensors (F32 only, which is all we train in). */
public final class TensorArrays {
  private TensorArrays() {}

  public static Tensor toTensor(NDArray array) {
    if (array.getDataType() != DataType.FLOAT32) {
      throw new IllegalArgumentException("only float32 arrays are saved, got " + array.getDataType());
    }
    return Tensor.f32(array.toFloatArray(), array.getShape().getShape());
  }

  public static Map<String, Tensor> toTensors(Map<String, NDArray> arrays) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    arrays.forEach((name, a) -> out.put(name, toTensor(a)));
    return out;
  }

  /** Overwrites {@code target} in place with the values of the tensor of the same shape. */
  public static void copyInto(String name, Tensor source, NDArray target) {
    Shape shape = new Shape(source.shape());
    if (!shape.equals(target.getShape())) {
      throw new IllegalArgumentException(
          name + " has shape " + shape + " in the file but " + target.getShape() + " in the model");
    }
    target.set(source.floats());
  }

  /** Overwrites every array from the map; a missing name is an error. */
  public static void copyAllInto(Map<String, Tensor> source, Map<String, NDArray> targets) {
    targets.forEach((name, array) -> {
      Tensor t = source.get(name);
      if (t == null) {
        throw new IllegalArgumentException("tensor " + name + " is missing from the file");
      }
      copyInto(name, t, array);
    });
  }
}
