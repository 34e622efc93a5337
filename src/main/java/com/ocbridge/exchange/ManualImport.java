package com.ocbridge.exchange;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A CommerceML file (or a zip of them) an operator uploads ({@code POST /api/v1/imports}) goes through exactly what
 * 1C's catalog exchange does: a new {@code catalog} run (of origin {@code manual}), the body streamed into the run's
 * folder as {@code mode=file} does (with {@code exchange.fileLimit}), an archive unpacked by the same unzip job, the
 * same import jobs queued as {@code mode=import} would, in the order 1C sends the files (groups and products before
 * offers), and the run completed as {@code mode=complete} does, which queues its end job (a full catalog's
 * deactivation).
 */
public final class ManualImport {
  static final String TYPE = "catalog";
  static final long UNZIP_WAIT_MS = 10 * 60_000;
  private static final long POLL_MS = 100;
  private static final List<String> FILE_ORDER = List.of("import", "offers", "prices", "rests");

  /** What was queued: the run and its jobs. */
  public record Queued(String runId, List<ExchangeStore.Job> jobs) {}

  /** The upload is fine but cannot be imported (a damaged archive): the run is ended, nothing is applied. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private final Vertx vertx;
  private final ExchangeStore store;
  private final UploadReceiver receiver;
  private final ImportJobRunner runner;
  private final Path exchangeRoot;
  private final long fileLimit;

  public ManualImport(Vertx vertx, ExchangeStore store, UploadReceiver receiver, ImportJobRunner runner,
      Path exchangeRoot, long fileLimit) {
    this.vertx = vertx;
    this.store = store;
    this.receiver = receiver;
    this.runner = runner;
    this.exchangeRoot = exchangeRoot;
    this.fileLimit = fileLimit;
  }

  public long fileLimit() {
    return fileLimit;
  }

  /**
   * The file name as the run will store it, or an {@link IllegalArgumentException} saying why it is refused (a name
   * that climbs out, or anything but .xml and .zip).
   */
  public static String fileName(String raw) {
    String name = FileNames.sanitize(raw);
    if (!FileNames.isXml(name) && !FileNames.isZip(name)) {
      throw new IllegalArgumentException("the file '" + name + "' is neither CommerceML (.xml) nor an archive (.zip)");
    }
    return name;
  }

  /** Streams the still paused {@code request} body into a new run as {@code name} and queues its import. */
  public Future<Queued> run(String name, HttpServerRequest request) {
    return run(name, request, false);
  }

  /** {@code dryRun}: the run's jobs compute their change plans and write nothing. */
  public Future<Queued> run(String name, HttpServerRequest request, boolean dryRun) {
    return store.startManualRun(TYPE, dryRun).compose(run -> {
      ExchangeLog xlog = ExchangeLog.of(run.id());
      xlog.info("manual.import.started", "file={} remote={} dryRun={}", name, request.remoteAddress(), dryRun);
      Path target = ImportJobRunner.runDir(exchangeRoot, run.id()).resolve(name);
      return store.planUpload(run.id(), name)
          .compose(plan -> receiver.receive(request, target, plan.offset(), plan.replace(), fileLimit))
          .compose(total -> store.recordChunk(run.id(), name, total).map(total))
          .compose(total -> {
            xlog.info("file.received", "file={} totalBytes={} manual=true", name, total);
            return store.closeUploads(run.id());
          })
          .compose(v -> FileNames.isZip(name) ? unzip(run.id(), name) : Future.succeededFuture())
          .compose(v -> queueImports(run.id()))
          .compose(v -> store.completeRun(run.id()))
          .compose(v -> store.jobsOfRun(run.id()))
          .map(jobs -> {
            runner.wake();
            xlog.info("manual.import.queued", "file={} jobs={}", name, jobs.size());
            return new Queued(run.id(), jobs);
          })
          .recover(e -> {
            xlog.warn("manual.import.refused", "file={} reason=\"{}\"", name, e.getMessage());
            return store.abandonRun(run.id()).transform(ignored -> Future.failedFuture(e));
          });
    });
  }

  /** The archive is unpacked by the same job 1C's first import after a zip starts; waited for here. */
  private Future<Void> unzip(String runId, String archive) {
    return store.findFile(runId, archive)
        .compose(file -> store.ensureJob(runId, "unzip", archive, file.orElseThrow().generation()))
        .compose(job -> {
          runner.wake();
          return awaitFinished(job.id(), System.currentTimeMillis() + UNZIP_WAIT_MS);
        })
        .compose(job -> switch (job.state()) {
          case ExchangeStore.Job.SUCCEEDED -> Future.<Void>succeededFuture();
          case ExchangeStore.Job.FAILED -> Future.failedFuture(new Refused("the archive " + archive
              + " was not unpacked: " + job.message()));
          default -> Future.failedFuture(new Refused("the archive " + archive + " is still being unpacked ("
              + job.state() + ") after " + UNZIP_WAIT_MS / 1000 + " s"));
        });
  }

  private Future<ExchangeStore.Job> awaitFinished(long jobId, long deadline) {
    return vertx.timer(POLL_MS).compose(v -> store.findJob(jobId)).compose(found -> {
      ExchangeStore.Job job = found.orElseThrow();
      return job.finished() || System.currentTimeMillis() >= deadline ? Future.succeededFuture(job)
          : awaitFinished(jobId, deadline);
    });
  }

  /** One import job per CommerceML file of the run, in the order 1C imports them. */
  private Future<Void> queueImports(String runId) {
    return store.filesOfRun(runId).compose(files -> {
      List<ExchangeStore.FileEntry> xml = files.stream().filter(f -> FileNames.isXml(f.name()))
          .sorted(Comparator.comparingInt((ExchangeStore.FileEntry f) -> rank(f.name()))
              .thenComparing(ExchangeStore.FileEntry::name))
          .toList();
      if (xml.isEmpty()) {
        return Future.failedFuture(new Refused("the upload holds no CommerceML file (.xml)"));
      }
      Future<?> chain = Future.succeededFuture();
      for (ExchangeStore.FileEntry f : xml) {
        chain = chain.compose(v -> store.ensureJob(runId, "import", f.name(), f.generation()));
      }
      return chain.mapEmpty();
    });
  }

  /** import*.xml (groups, products) before offers*.xml, prices, rests, then anything else. */
  static int rank(String name) {
    String base = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    for (int i = 0; i < FILE_ORDER.size(); i++) {
      if (base.startsWith(FILE_ORDER.get(i))) return i;
    }
    return FILE_ORDER.size();
  }
}
