package com.ocbridge.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tasks run in order per key, side by side across keys, and a failure does not stop the next task of its key. */
class KeyedSequencerTest {

  @Test
  void aTaskWaitsForEveryEarlierTaskOfItsKeysOnly() {
    KeyedSequencer order = new KeyedSequencer();
    List<String> started = new ArrayList<>();
    Promise<Void> first = Promise.promise();
    Promise<Void> other = Promise.promise();
    Future<Void> a = order.run(Set.of("p1", "p2"), () -> {
      started.add("a");
      return first.future();
    });
    Future<Void> b = order.run(Set.of("p2"), () -> {
      started.add("b");
      return Future.succeededFuture();
    });
    Future<Void> c = order.run(Set.of("p3"), () -> {
      started.add("c");
      return other.future();
    });
    assertEquals(List.of("a", "c"), started, "b waits for a (key p2); c has a key of its own");
    assertFalse(b.isComplete());

    first.fail("the shop refused"); // a failed write still hands the key on
    assertEquals(List.of("a", "c", "b"), started);
    assertTrue(a.failed());
    assertTrue(b.succeeded());
    assertEquals(1, order.keysInUse(), "only c's key is still held");
    other.complete();
    assertEquals(0, order.keysInUse(), "finished keys are released");
  }

  @Test
  void aTaskThatThrowsFailsItsFutureAndReleasesItsKeys() {
    KeyedSequencer order = new KeyedSequencer();
    Future<Void> broken = order.run(List.of("k"), () -> {
      throw new IllegalStateException("boom");
    });
    assertTrue(broken.failed());
    assertEquals(0, order.keysInUse());
    assertTrue(order.run(List.of("k"), Future::<Void>succeededFuture).succeeded());
  }
}
