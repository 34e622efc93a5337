package com.ocbridge.catalog;

import com.ocbridge.opencart.OpenCartClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * 1C pictures → files under the shop's {@code image/}. A picture is stored under its content hash
 * ({@code catalog/1c/ab/ab12….jpg}) and sent once: 1C re-sends unchanged pictures under new names on every edit,
 * and peers that stored them by name filled shops' disks (peers-lessons §4.7). A picture 1C references without
 * sending it this time resolves through what an earlier run sent under that name.
 */
final class ImageUploader {
  private static final Set<String> TYPES = Set.of("jpg", "jpeg", "png", "gif", "webp");

  private final Vertx vertx;
  private final OpenCartClient shop;
  private final CatalogStore store;
  private final CatalogSettings settings;
  private final Path runDir;
  /** 1C path → shop path, for this job (one picture is often shared by several products). */
  private final Map<String, String> resolved = new HashMap<>();

  ImageUploader(Vertx vertx, OpenCartClient shop, CatalogStore store, CatalogSettings settings, Path runDir) {
    this.vertx = vertx;
    this.shop = shop;
    this.store = store;
    this.settings = settings;
    this.runDir = runDir.toAbsolutePath().normalize();
  }

  /** Shop paths of the pictures that could be placed; a picture that could not is recorded against its product. */
  Future<Map<String, String>> resolve(List<String> sources, ImportStats stats) {
    List<String> todo = sources.stream().distinct().filter(s -> !resolved.containsKey(s)).toList();
    Future<Void> chain = Future.succeededFuture();
    List<String> notSent = new ArrayList<>();
    for (String source : todo) {
      chain = chain.compose(v -> place(source, stats).map(found -> {
        if (!found) notSent.add(source);
        return null;
      }));
    }
    return chain
        .compose(v -> notSent.isEmpty() ? Future.succeededFuture(Map.<String, String>of()) : store.picturesBySource(notSent))
        .map(earlier -> {
          resolved.putAll(earlier);
          Map<String, String> result = new HashMap<>();
          for (String s : sources) {
            String path = resolved.get(s);
            if (path != null) result.put(s, path);
          }
          return result;
        });
  }

  /** False when the run does not hold the file (then an earlier run's upload may still name it). */
  private Future<Boolean> place(String source, ImportStats stats) {
    Path file = runDir.resolve(source).normalize();
    if (!file.startsWith(runDir)) {
      stats.error("image", source, null, "picture path leaves the exchange folder; ignored");
      return Future.succeededFuture(true);
    }
    String type = extension(source);
    if (!TYPES.contains(type)) {
      stats.error("image", source, null, "picture type ." + type + " is not accepted by the shop (jpg, png, gif, webp)");
      return Future.succeededFuture(true);
    }
    return vertx.fileSystem().exists(file.toString()).compose(exists -> {
      if (!exists) return Future.succeededFuture(false);
      return vertx.fileSystem().readFile(file.toString()).compose(buffer -> {
        byte[] bytes = buffer.getBytes();
        String hash = Hashes.content(bytes);
        return store.images(List.of(hash)).compose(known -> {
          String path = known.get(hash);
          if (path != null) return Future.succeededFuture(path);
          String target = settings.imageFolder() + "/" + hash.substring(0, 2) + "/" + hash + "." + ("jpeg".equals(type) ? "jpg" : type);
          return shop.putImage(target, bytes, true)
              .compose(stored -> store.saveImage(hash, stored.path() != null ? stored.path() : target, bytes.length)
                  .map(v -> {
                    stats.inc(ImportStats.IMAGES);
                    return stored.path() != null ? stored.path() : target;
                  }));
        }).compose(path -> store.savePictures(Map.of(source, hash)).map(v -> {
          resolved.put(source, path);
          return true;
        }));
      }).recover(e -> {
        if (!ShopErrors.refusesThisItem(e)) return Future.failedFuture(e);
        stats.error("image", source, null, ShopErrors.describe(e));
        return Future.succeededFuture(true);
      });
    });
  }

  private static String extension(String source) {
    int dot = source.lastIndexOf('.');
    return dot < 0 ? "" : source.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
