package com.ocbridge.testing;

import com.ocbridge.exchange.ImportProcessor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * A test processor that reads the stored file back (asynchronously) and reports its SHA-256, so protocol
 * tests can prove that chunked, zipped or replaced uploads reassemble to exactly the bytes 1C sent.
 */
public final class DigestProcessor implements ImportProcessor {
  private final Vertx vertx;

  public DigestProcessor(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<ImportOutcome> process(ImportTask task) {
    MessageDigest digest = sha256();
    long[] bytes = {0};
    return vertx.fileSystem().open(task.file().toString(), new OpenOptions().setRead(true))
        .compose(file -> {
          Promise<Void> done = Promise.promise();
          file.handler(buf -> {
            digest.update(buf.getBytes());
            bytes[0] += buf.length();
          }).endHandler(done::complete).exceptionHandler(done::fail);
          return done.future().eventually(file::close);
        })
        .map(v -> new ImportOutcome("sha256=" + HexFormat.of().formatHex(digest.digest()), Map.of("bytes", bytes[0])));
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
