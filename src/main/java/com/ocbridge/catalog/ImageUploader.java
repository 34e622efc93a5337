package com.ocbridge.catalog;

import com.ocbridge.opencart.OpenCartClient;
import com.ocbridge.opencart.model.ImagePutResult;
import com.ocbridge.opencart.model.ImageUpload;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

  /** Pictures held at once, by count and by bytes: bounds the memory a batch of products with large pictures takes. */
  private static final int GROUP = 50;
  private static final long GROUP_BYTES = 8L * 1024 * 1024;

  /** A picture of this run, read and hashed. */
  private record Picture(String source, String hash, String type, byte[] bytes) {}

  /**
   * Shop paths of the pictures that could be placed; a picture that could not is recorded against its product.
   * Pictures are read and hashed one after the other into groups of at most 50 and 8 MiB; per group the known
   * contents are looked up in one query, the new ones sent together ({@code images.put}), what was sent recorded.
   */
  Future<Map<String, String>> resolve(List<String> sources, ImportStats stats) {
    List<String> todo = sources.stream().distinct().filter(s -> !resolved.containsKey(s)).toList();
    List<String> notSent = new ArrayList<>();
    List<Picture> group = new ArrayList<>();
    long[] groupBytes = {0};
    Future<Void> chain = Future.succeededFuture();
    for (String source : todo) {
      chain = chain.compose(v -> read(source, stats)).compose(p -> {
        if (p == null) {
          notSent.add(source); // not in this run (an earlier run's upload may still name it)
        } else if (p.bytes() != null) {
          group.add(p);
          groupBytes[0] += p.bytes().length;
        }
        if (group.size() < GROUP && groupBytes[0] < GROUP_BYTES) return Future.succeededFuture();
        groupBytes[0] = 0;
        return place(takeAll(group), stats);
      });
    }
    return chain
        .compose(v -> place(takeAll(group), stats))
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

  private static List<Picture> takeAll(List<Picture> group) {
    List<Picture> taken = List.copyOf(group);
    group.clear();
    return taken;
  }

  private Future<Void> place(List<Picture> pictures, ImportStats stats) {
    if (pictures.isEmpty()) return Future.succeededFuture();
    return store.images(pictures.stream().map(Picture::hash).distinct().toList())
        .compose(known -> send(pictures, known, stats))
        .compose(paths -> {
          Map<String, String> hashes = new HashMap<>();
          for (Picture p : pictures) {
            String path = paths.get(p.hash());
            if (path == null) continue; // refused: recorded
            hashes.put(p.source(), p.hash());
            resolved.put(p.source(), path);
          }
          return store.savePictures(hashes);
        });
  }

  /** The pictures whose content the shop does not hold yet, sent; @return content hash → shop path, known and new. */
  private Future<Map<String, String>> send(List<Picture> pictures, Map<String, String> known, ImportStats stats) {
    Map<String, String> paths = new HashMap<>(known);
    Map<String, Picture> fresh = new LinkedHashMap<>();
    for (Picture p : pictures) if (!known.containsKey(p.hash())) fresh.putIfAbsent(p.hash(), p);
    if (fresh.isEmpty()) return Future.succeededFuture(paths);
    List<Picture> toSend = new ArrayList<>(fresh.values());
    List<ImageUpload> uploads = toSend.stream().map(p -> new ImageUpload(target(p), p.bytes())).toList();
    return shop.putImages(uploads).compose(results -> {
      List<Future<Void>> saved = new ArrayList<>();
      for (ImagePutResult r : results) {
        Picture p = toSend.get(r.index());
        if (!r.succeeded()) {
          if (!ShopErrors.refusesThisItem(r.failure())) return Future.failedFuture(r.failure());
          stats.error("image", p.source(), null, ShopErrors.describe(r.failure()));
          continue;
        }
        String path = r.stored().path() != null ? r.stored().path() : target(p);
        paths.put(p.hash(), path);
        stats.inc(ImportStats.IMAGES);
        saved.add(store.saveImage(p.hash(), path, p.bytes().length));
      }
      return Future.all(saved).map(v -> paths);
    });
  }

  private String target(Picture p) {
    return settings.imageFolder() + "/" + p.hash().substring(0, 2) + "/" + p.hash() + "." + ("jpeg".equals(p.type()) ? "jpg" : p.type());
  }

  /**
   * The picture read and hashed; null when the run does not hold the file; a picture without bytes when it was
   * refused here (recorded).
   */
  private Future<Picture> read(String source, ImportStats stats) {
    Path file = runDir.resolve(source).normalize();
    if (!file.startsWith(runDir)) {
      stats.error("image", source, null, "picture path leaves the exchange folder; ignored");
      return Future.succeededFuture(new Picture(source, null, null, null));
    }
    String type = extension(source);
    if (!TYPES.contains(type)) {
      stats.error("image", source, null, "picture type ." + type + " is not accepted by the shop (jpg, png, gif, webp)");
      return Future.succeededFuture(new Picture(source, null, null, null));
    }
    return vertx.fileSystem().exists(file.toString()).compose(exists -> !exists ? Future.succeededFuture(null)
        : vertx.fileSystem().readFile(file.toString()).compose(buffer -> vertx.executeBlocking(() -> {
          byte[] bytes = buffer.getBytes(); // hashed on a worker: a large picture would hold up the event loop
          return new Picture(source, Hashes.content(bytes), type, bytes);
        }, false)));
  }

  private static String extension(String source) {
    int dot = source.lastIndexOf('.');
    return dot < 0 ? "" : source.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
