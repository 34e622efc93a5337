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

  /** Pictures read at once: bounds the memory a batch of products with large pictures can take. */
  private static final int GROUP = 50;

  /** A picture of this run, read and hashed. */
  private record Picture(String source, String hash, String type, byte[] bytes) {}

  /**
   * Shop paths of the pictures that could be placed; a picture that could not is recorded against its product.
   * Pictures go in groups of 50: read and hashed, the known contents looked up in one query, the new ones sent
   * together ({@code images.put}), what was sent recorded.
   */
  Future<Map<String, String>> resolve(List<String> sources, ImportStats stats) {
    List<String> todo = sources.stream().distinct().filter(s -> !resolved.containsKey(s)).toList();
    List<String> notSent = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < todo.size(); from += GROUP) {
      List<String> group = todo.subList(from, Math.min(todo.size(), from + GROUP));
      chain = chain.compose(v -> placeGroup(group, stats, notSent));
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

  private Future<Void> placeGroup(List<String> group, ImportStats stats, List<String> notSent) {
    List<Future<Picture>> reads = group.stream().map(source -> read(source, stats)).toList();
    return Future.all(reads).compose(all -> {
      List<Picture> pictures = new ArrayList<>();
      for (int i = 0; i < group.size(); i++) {
        Picture p = all.resultAt(i);
        if (p == null) notSent.add(group.get(i)); // not in this run (an earlier run's upload may still name it)
        else if (p.bytes() != null) pictures.add(p);
      }
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
