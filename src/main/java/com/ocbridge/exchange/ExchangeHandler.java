package com.ocbridge.exchange;

import com.ocbridge.api.InputScreen;
import com.ocbridge.config.BridgeConfig;
import com.ocbridge.logging.LogContext;
import com.ocbridge.messages.Reasons;
import com.ocbridge.security.LoginThrottle;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door 1C knocks on: {@code {exchange.path}?type=catalog|sale&mode=…}, exactly as 1C's "exchange with
 * website" expects it (docs/commerceml-protocol.md §2–4). GET and POST are accepted for every mode; parameters
 * come from the query string. Every answer is text/plain starting with {@code success}, {@code progress} or
 * {@code failure}, in {@code exchange.responseCharset}.
 */
public final class ExchangeHandler implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger(ExchangeHandler.class);
  public static final String COOKIE = "ocbridge_sid";
  private static final Set<String> SUPPORTED_VERSIONS =
      Set.of("2.03", "2.04", "2.05", "2.06", "2.07", "2.08", "2.09", "2.10", "3.1");
  /**
   * A checkauth that presents the cookie of a run active within this many minutes continues that run (1C repeats
   * checkauth/init inside one exchange, seconds apart); a checkauth without it starts a run of its own, so two 1C
   * clients exchanging at the same time never share a run or a folder. An open run idle this long has ended.
   */
  static final int RUN_IDLE_MINUTES = 10;
  static final int SESSION_IDLE_HOURS = 24;
  /** How long an import call waits for a quick job before answering progress; far below 1C's timeouts. */
  static final long IMPORT_WAIT_MS = 2_000;
  private static final long JOB_POLL_MS = 100;
  /** How long an old client's sale upload waits for its import, which it cannot poll for. */
  static final long OLD_CLIENT_WAIT_MS = 120_000;

  private final Vertx vertx;
  private final BridgeConfig.Exchange config;
  private final Charset charset;
  private final ExchangeStore store;
  private final UploadReceiver receiver;
  private final ImportJobRunner runner;
  private final Path exchangeRoot;
  private final OrdersExchange orders;
  private final LoginThrottle throttle;
  private final com.ocbridge.status.OneCContacts contacts;

  /** {@code contacts} is told of every authenticated call, per exchange type (the operator's "last contact"). */
  public ExchangeHandler(Vertx vertx, BridgeConfig.Exchange config, ExchangeStore store, UploadReceiver receiver,
      ImportJobRunner runner, Path exchangeRoot, OrdersExchange orders, LoginThrottle throttle,
      com.ocbridge.status.OneCContacts contacts) {
    this.vertx = vertx;
    this.config = config;
    this.charset = Charset.forName(config.responseCharset());
    this.store = store;
    this.receiver = receiver;
    this.runner = runner;
    this.exchangeRoot = exchangeRoot;
    this.orders = orders;
    this.throttle = throttle;
    this.contacts = contacts;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    // Chunks that arrive while no handler is attached are dropped by Vert.x: hold the body until mode=file pipes it.
    request.pause();
    String type = lower(request.getParam("type"));
    String mode = lower(request.getParam("mode"));
    if (!"file".equals(mode)) request.resume();

    Future<Void> done;
    if (!"catalog".equals(type) && !"sale".equals(type)) {
      done = reply(ctx, ProtocolReply.failure("Неизвестный тип обмена: type=" + type + " (ожидается catalog или sale)"));
    } else if ("checkauth".equals(mode)) {
      done = checkauth(ctx, type);
    } else {
      done = authenticate(ctx, type).compose(session -> {
        if (session.isEmpty()) {
          return reply(ctx, ProtocolReply.failure("Нет сеанса обмена (сеанс не найден или истёк): начните обмен заново,"
              + " с mode=checkauth"));
        }
        contacts.touch(type);
        return dispatch(ctx, type, mode, session.get());
      });
    }
    done.onFailure(e -> {
      // the cause (a database error, say) goes to the log under a reference; 1C's operator gets the reference, never
      // the service's internals
      String ref = java.util.UUID.randomUUID().toString().substring(0, 8);
      log.error("event=exchange.error ref={} type={} mode={} error=\"{}\"", ref, type, mode, e.toString());
      if (!ctx.response().ended()) {
        reply(ctx, ProtocolReply.failure("Внутренняя ошибка сервиса (ссылка " + ref + " в журнале сервиса): ничего не"
            + " изменено, повторите обмен позже"));
      }
    });
  }

  private Future<Void> dispatch(RoutingContext ctx, String type, String mode, ExchangeStore.Session session) {
    // the request runs on its own duplicated context: from here every line it causes carries exchange=<run id>
    LogContext.tag(LogContext.EXCHANGE, session.run().id());
    String sessid = ctx.request().getParam("sessid");
    if (sessid != null && session.cookie() != null && !BasicAuth.constantTimeEquals(sessid, session.sessid())) {
      ExchangeLog.of(session.run().id()).warn("exchange.sessid.mismatch", "mode={}", mode);
      return reply(ctx, ProtocolReply.failure("Ошибка проверки источника запроса: sessid не совпадает с сеансом;"
          + " ничего не изменено, начните обмен заново"));
    }
    if ("completed".equals(session.run().state()) && session.cookie() != null) {
      // after mode=complete the run's files are being applied and its end job queued: nothing may join it any more
      ExchangeLog.of(session.run().id()).warn("exchange.session.completed", "mode={}", mode);
      return reply(ctx, ProtocolReply.failure("Обмен этого сеанса уже завершён (mode=complete): начните новый обмен"
          + " с mode=checkauth"));
    }
    return switch (mode == null ? "" : mode) {
      case "init" -> init(ctx, session);
      case "file" -> file(ctx, session);
      case "import" -> importFile(ctx, session);
      case "deactivate" -> "catalog".equals(type) ? deactivate(ctx, session) : unknownMode(ctx, type, mode);
      case "complete" -> complete(ctx, session);
      case "query" -> "sale".equals(type) ? query(ctx, session) : unknownMode(ctx, type, mode);
      case "success" -> "sale".equals(type) ? orders.success(session).compose(r -> reply(ctx, r)) : unknownMode(ctx, type, mode);
      case "info" -> "sale".equals(type) ? info(ctx) : unknownMode(ctx, type, mode);
      default -> unknownMode(ctx, type, mode);
    };
  }

  /**
   * Answers a request whose query string cannot be decoded (malformed percent-encoding, control characters) before
   * any mode runs: {@code failure} with the reason, as the exchange answers elsewhere; nothing is changed.
   */
  public void refuseQuery(HttpServerRequest request, InputScreen.QueryProblem problem) {
    log.info("event=exchange.refused remote={} reason=\"{}\"", throttle.address(request), problem.english());
    String what = problem.control() < 0 ? "неверная percent-кодировка (нужно %XX с двумя шестнадцатеричными цифрами)"
        : String.format(Locale.ROOT, "%s содержит управляющий символ U+%04X", problem.inName() ? "имя параметра"
            : "параметр " + problem.parameter(), problem.control());
    ProtocolReply reply = ProtocolReply.failure("Некорректная строка запроса: " + what + "; ничего не изменено");
    request.response().setStatusCode(400)
        .putHeader("Content-Type", "text/plain; charset=" + charset.name())
        .putHeader("Cache-Control", "no-store")
        .end(reply.encode(charset));
  }

  // ---- modes ----

  private Future<Void> checkauth(RoutingContext ctx, String type) {
    var credentials = BasicAuth.parse(ctx.request().getHeader("Authorization"));
    // failed logins are delayed and then locked out per address and login (security.loginFailures, lockoutSeconds)
    String login = credentials.map(BasicAuth.Credentials::username).orElse(null);
    String remote = throttle.address(ctx.request());
    return throttle.admit(vertx, LoginThrottle.Kind.EXCHANGE, remote, login).compose(lock -> {
      if (lock.isPresent()) return reply(ctx, BasicAuth.lockedOut(ctx.response(), lock.get()));
      if (!BasicAuth.matches(credentials, config.username(), config.password())) {
        if (credentials.isPresent()) throttle.failure(LoginThrottle.Kind.EXCHANGE, remote, login, "wrong-credentials");
        log.warn("event=exchange.checkauth.refused type={} login={} remote={} reason={}", type,
            LoginThrottle.printable(login), remote, credentials.isEmpty() ? "no-basic-auth" : "wrong-credentials");
        ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"1C exchange\", charset=\"UTF-8\"");
        return reply(ctx, ProtocolReply.unauthorized(credentials.isEmpty()
            ? "Требуется авторизация (HTTP Basic): укажите логин и пароль обмена"
            : "Неверный логин или пароль обмена"));
      }
      throttle.success(LoginThrottle.Kind.EXCHANGE, remote, login);
      contacts.touch(type);
      Cookie previous = ctx.request().getCookie(COOKIE);
      return store.continueOrStartRun(type, previous == null ? null : previous.getValue(), RUN_IDLE_MINUTES)
          .compose(store::createSession)
          .compose(session -> {
            LogContext.tag(LogContext.EXCHANGE, session.run().id());
            ExchangeLog.of(session.run().id()).info("exchange.checkauth", "type={} remote={}", type, remote);
            ctx.response().addCookie(Cookie.cookie(COOKIE, session.cookie()).setPath("/").setHttpOnly(true));
            long now = System.currentTimeMillis() / 1000;
            return reply(ctx, ProtocolReply.success(COOKIE, session.cookie(), "sessid=" + session.sessid(), "timestamp=" + now));
          });
    });
  }

  private Future<Optional<ExchangeStore.Session>> authenticate(RoutingContext ctx, String type) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie != null) {
      return store.findSession(cookie.getValue(), SESSION_IDLE_HOURS)
          .map(s -> s.filter(session -> session.run().type().equals(type)));
    }
    // Some clients (and scripts) send Basic credentials on every call instead of the cookie: accept them.
    var credentials = BasicAuth.parse(ctx.request().getHeader("Authorization"));
    if (credentials.isEmpty()) return Future.succeededFuture(Optional.empty());
    String login = credentials.get().username();
    String remote = throttle.address(ctx.request());
    return throttle.admit(vertx, LoginThrottle.Kind.EXCHANGE, remote, login).compose(lock -> {
      if (lock.isPresent()) {
        return reply(ctx, BasicAuth.lockedOut(ctx.response(), lock.get())).map(v -> Optional.<ExchangeStore.Session>empty());
      }
      if (BasicAuth.matches(credentials, config.username(), config.password())) {
        throttle.success(LoginThrottle.Kind.EXCHANGE, remote, login);
        return store.joinOrStartRun(type, RUN_IDLE_MINUTES).map(run -> Optional.of(new ExchangeStore.Session(null, null, run)));
      }
      throttle.failure(LoginThrottle.Kind.EXCHANGE, remote, login, "wrong-credentials");
      return Future.succeededFuture(Optional.empty());
    });
  }

  private Future<Void> init(RoutingContext ctx, ExchangeStore.Session session) {
    String version = ctx.request().getParam("version");
    ExchangeLog xlog = ExchangeLog.of(session.run().id());
    xlog.info("exchange.init", "version={} zip={} fileLimit={}", version, config.zip(), config.fileLimit());
    String zip = "zip=" + (config.zip() ? "yes" : "no");
    String limit = "file_limit=" + config.fileLimit();
    if (version == null || version.isBlank()) {
      return reply(ctx, ProtocolReply.bare(zip, limit));
    }
    String answerVersion = SUPPORTED_VERSIONS.contains(version.trim()) ? version.trim() : "2.10";
    String sessid = session.sessid() != null ? session.sessid() : "";
    return store.setClientVersion(session.run().id(), version.trim())
        .compose(v -> reply(ctx, ProtocolReply.bare(zip, limit, "sessid=" + sessid, "version=" + answerVersion)));
  }

  private Future<Void> file(RoutingContext ctx, ExchangeStore.Session session) {
    HttpServerRequest request = ctx.request();
    ExchangeLog xlog = ExchangeLog.of(session.run().id());
    String name;
    try {
      name = FileNames.sanitize(request.getParam("filename"));
    } catch (IllegalArgumentException e) {
      xlog.warn("file.refused", "reason=\"{}\"", e.getMessage());
      request.resume();
      return reply(ctx, ProtocolReply.failure("Недопустимое имя файла: " + e.getMessage() + "; файл не принят"));
    }
    long declared = parseLong(request.getHeader("Content-Length"));
    if (declared > config.fileLimit()) {
      xlog.warn("file.refused", "file={} reason=too-large bytes={} limit={}", name, declared, config.fileLimit());
      ctx.response().putHeader("Connection", "close");
      return reply(ctx, ProtocolReply.failure("Часть файла больше file_limit (" + declared + " > " + config.fileLimit()
          + " байт): файл не принят; 1С должна делить файл на части не больше этого размера (exchange.fileLimit)"))
          .onComplete(v -> request.connection().close());
    }
    Path target = ImportJobRunner.runDir(exchangeRoot, session.run().id()).resolve(name);
    return store.planUpload(session.run().id(), name)
        .compose(plan -> receiver.receive(request, target, plan.offset(), plan.replace(), config.fileLimit())
            .compose(total -> store.recordChunk(session.run().id(), name, total).map(total))
            .compose(total -> {
              xlog.info("file.received", "file={} chunkBytes={} totalBytes={} replaced={}", name, total - plan.offset(),
                  total, plan.replace() && plan.generation() > 1);
              if (parsedInRequest(session, name)) return importInRequest(session.run().id(), name, xlog).compose(r -> reply(ctx, r));
              return reply(ctx, ProtocolReply.success());
            }))
        .recover(e -> {
          xlog.warn("file.failed", "file={} reason=\"{}\"", name, e.toString());
          return reply(ctx, ProtocolReply.failure("Файл " + name + " не принят: " + Reasons.logged(e, "file.failed")
              + "; отправьте его снова"));
        });
  }

  /**
   * Old clients (no {@code version} on init) post a sale file whole and never call import: the site must parse it in
   * the same request and answer success or failure (protocol reference §4.4).
   */
  private static boolean parsedInRequest(ExchangeStore.Session session, String name) {
    String version = session.run().clientVersion();
    return "sale".equals(session.run().type()) && (version == null || version.isBlank()) && FileNames.isXml(name);
  }

  /**
   * Runs the import job of an old client's sale file and waits for it (it stays a job, so it is recorded and survives
   * a restart). If it takes longer than {@link #OLD_CLIENT_WAIT_MS} the answer is success anyway: the file is stored
   * and will be applied, and a failure would only make 1C send it again.
   */
  private Future<ProtocolReply> importInRequest(String runId, String name, ExchangeLog xlog) {
    return store.closeUploads(runId)
        .compose(v -> store.findFile(runId, name))
        .compose(file -> store.ensureJob(runId, "import", name, file.orElseThrow().generation()))
        .compose(job -> {
          runner.wake();
          return pollJob(job, System.currentTimeMillis() + OLD_CLIENT_WAIT_MS);
        })
        .map(job -> {
          xlog.info("file.imported.in.request", "file={} state={}", name, job.state());
          return switch (job.state()) {
            case "succeeded" -> ProtocolReply.success("Импорт " + name + " завершён. " + nullToEmpty(job.message()));
            case "succeeded_with_errors" -> JobReplies.withErrors(name, job);
            case "failed" -> ProtocolReply.failure("Импорт " + name + " не выполнен: " + job.message());
            case "cancelled" -> JobReplies.cancelled(name, job);
            default -> ProtocolReply.success("Файл " + name + " принят, обработка продолжается в фоне");
          };
        });
  }

  private Future<Void> importFile(RoutingContext ctx, ExchangeStore.Session session) {
    String runId = session.run().id();
    ExchangeLog xlog = ExchangeLog.of(runId);
    String name;
    try {
      name = FileNames.sanitize(ctx.request().getParam("filename"));
    } catch (IllegalArgumentException e) {
      return reply(ctx, ProtocolReply.failure("Недопустимое имя файла: " + e.getMessage() + "; импорт не запущен"));
    }
    return store.closeUploads(runId)
        .compose(v -> unpackPendingArchives(runId))
        .compose(archiveReply -> archiveReply.isPresent() ? Future.succeededFuture(archiveReply.get())
            : importReply(runId, name, xlog))
        .compose(r -> reply(ctx, r));
  }

  /** The first import after a zip upload unpacks it (whatever file name 1C passes); answers progress until done. */
  private Future<Optional<ProtocolReply>> unpackPendingArchives(String runId) {
    return store.pendingArchives(runId).compose(archives -> {
      if (archives.isEmpty()) return Future.succeededFuture(Optional.<ProtocolReply>empty());
      ExchangeStore.FileEntry archive = archives.get(0);
      return store.ensureJob(runId, "unzip", archive.name(), archive.generation())
          .compose(job -> awaitJob(job))
          .map(job -> switch (job.state()) {
            case "succeeded" -> Optional.<ProtocolReply>empty();
            case "failed" -> Optional.of(ProtocolReply.failure("Архив " + archive.name() + " не распакован: " + job.message()
                + "; ничего не изменено, выгрузите и отправьте архив снова"));
            case "cancelled" -> Optional.of(JobReplies.cancelled(archive.name(), job));
            default -> Optional.of(ProtocolReply.progress("Распаковка архива " + archive.name() + "…"));
          })
          .compose(reply -> reply.isEmpty() && archives.size() > 1 ? unpackPendingArchives(runId) : Future.succeededFuture(reply));
    });
  }

  private Future<ProtocolReply> importReply(String runId, String name, ExchangeLog xlog) {
    return store.findFile(runId, name).compose(file -> {
      if (file.isEmpty()) {
        xlog.warn("import.refused", "file={} reason=not-received", name);
        return Future.succeededFuture(ProtocolReply.failure("Файл " + name + " не был получен (mode=file) в этом обмене:"
            + " импортировать нечего; отправьте файл и повторите импорт"));
      }
      if (FileNames.isZip(name)) {
        return Future.succeededFuture(ProtocolReply.success("Архив " + name + " распакован"));
      }
      if (!FileNames.isXml(name)) {
        return Future.succeededFuture(ProtocolReply.success("Файл " + name + " сохранён"));
      }
      return store.ensureJob(runId, "import", name, file.get().generation())
          .compose(this::awaitJob)
          .map(job -> switch (job.state()) {
            case "succeeded" -> ProtocolReply.success("Импорт " + name + " завершён. " + nullToEmpty(job.message()));
            case "succeeded_with_errors" -> JobReplies.withErrors(name, job);
            case "failed" -> ProtocolReply.failure("Импорт " + name + " не выполнен: " + job.message());
            case "cancelled" -> JobReplies.cancelled(name, job);
            case "paused" -> JobReplies.paused(name, job);
            case "held" -> JobReplies.held(name, job);
            case "queued" -> ProtocolReply.progress("Файл " + name + " ожидает импорта");
            // whole percent, rounded down: the number GET /api/v1/exchanges shows for a running job
            default -> ProtocolReply.progress("Импорт " + name + ": " + JobReplies.percent(
                Math.floor(Math.max(job.progress(), runner.progressOf(job.id())))) + "%");
          })
          // a file queued behind a held one waits as long as the operator does: told so, not kept polling
          .compose(reply -> reply.keyword().equals("progress") ? store.heldJob(runId)
              .map(held -> held.map(h -> JobReplies.behindHeld(name, h)).orElse(reply)) : Future.succeededFuture(reply));
    });
  }

  /** Starts the runner on the job and waits a little, so that small files answer success on the first call. */
  private Future<ExchangeStore.Job> awaitJob(ExchangeStore.Job job) {
    if (job.finished()) return Future.succeededFuture(job);
    runner.wake();
    return pollJob(job, System.currentTimeMillis() + IMPORT_WAIT_MS);
  }

  private Future<ExchangeStore.Job> pollJob(ExchangeStore.Job job, long deadline) {
    return vertx.timer(JOB_POLL_MS)
        .compose(v -> store.findJob(job.id()))
        .compose(found -> {
          ExchangeStore.Job current = found.orElse(job);
          return current.finished() || System.currentTimeMillis() >= deadline
              ? Future.succeededFuture(current) : pollJob(current, deadline);
        });
  }

  private Future<Void> deactivate(RoutingContext ctx, ExchangeStore.Session session) {
    String raw = ctx.request().getParam("timestamp");
    long timestamp = parseLong(raw);
    if (timestamp <= 0) {
      return reply(ctx, ProtocolReply.failure("Не передан timestamp (mode=deactivate&timestamp=…): деактивация не"
          + " выполнена"));
    }
    ExchangeLog.of(session.run().id()).info("exchange.deactivate", "timestamp={}", timestamp);
    // The catalog sync disables what this run did not list, as a background job after the run's imports; its
    // outcome (or why it was held back) shows on the exchange's job list.
    return store.recordDeactivate(session.run().id(), timestamp)
        // one job per deactivate timestamp: a repeated call is the same job, a later exchange joining this run is a new one
        .compose(v -> store.ensureJob(session.run().id(), "import", ImportProcessor.DEACTIVATE_JOB,
            (int) Math.min(timestamp, Integer.MAX_VALUE)))
        .compose(job -> {
          runner.wake();
          return reply(ctx, ProtocolReply.success("Деактивация принята"));
        });
  }

  private Future<Void> complete(RoutingContext ctx, ExchangeStore.Session session) {
    ExchangeLog.of(session.run().id()).info("exchange.complete", "");
    return store.completeRun(session.run().id())
        .compose(v -> {
          runner.wake(); // a catalog run's end job: what a full export did not list is disabled now
          return reply(ctx, ProtocolReply.success("Обмен завершён"));
        });
  }

  private Future<Void> query(RoutingContext ctx, ExchangeStore.Session session) {
    return orders.query(session)
        .compose(answer -> xml(ctx, answer))
        .recover(e -> reply(ctx, ProtocolReply.failure("Выгрузка заказов не выполнена: " + Reasons.logged(e, "orders.query.failed")
            + "; заказы остаются в очереди и будут выгружены при следующем обмене")));
  }

  private Future<Void> info(RoutingContext ctx) {
    return orders.info()
        .compose(answer -> xml(ctx, answer))
        .recover(e -> reply(ctx, ProtocolReply.failure("Справочник недоступен: " + Reasons.logged(e, "orders.info.failed")
            + "; повторите запрос позже")));
  }

  private Future<Void> unknownMode(RoutingContext ctx, String type, String mode) {
    return reply(ctx, ProtocolReply.failure("Неизвестная команда: type=" + type + "&mode=" + mode + "; ничего не изменено"));
  }

  // ---- answers ----

  private Future<Void> reply(RoutingContext ctx, ProtocolReply reply) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) return Future.succeededFuture();
    return response.setStatusCode(reply.httpStatus())
        .putHeader("Content-Type", "text/plain; charset=" + charset.name())
        .putHeader("Cache-Control", "no-store")
        .putHeader("Pragma", "no-cache")
        .end(reply.encode(charset));
  }

  private Future<Void> xml(RoutingContext ctx, OrdersExchange.XmlAnswer answer) {
    HttpServerResponse response = ctx.response().setStatusCode(200)
        .putHeader("Content-Type", answer.contentType())
        .putHeader("Cache-Control", "no-store")
        .putHeader("Pragma", "no-cache");
    if (answer.file() == null) return response.end(answer.body());
    String file = answer.file().toString();
    return response.sendFile(file).eventually(() -> vertx.fileSystem().delete(file).otherwiseEmpty());
  }

  private static String lower(String s) {
    return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
  }

  private static long parseLong(String s) {
    try {
      return s == null ? -1 : Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
