// The console's texts, Russian first (1C's operators read Russian), English second. A key missing in English falls
// back to Russian; a key missing in both shows the key, so a forgotten text is visible, not silent.
const TEXTS = {
  ru: {
    'title': 'Консоль оператора',
    'nav.dashboard': 'Обзор', 'nav.exchanges': 'Обмены', 'nav.errors': 'Отказы', 'nav.outbox': 'Очередь доставки',
    'nav.orders': 'Заказы', 'nav.upload': 'Загрузка файла', 'nav.settings': 'Настройки',
    'logout': 'Выйти',
    'login.title': 'Вход в консоль OCBridge', 'login.user': 'Имя', 'login.pass': 'Пароль', 'login.submit': 'Войти',
    'login.wrong_credentials': 'Неверное имя или пароль.',
    'login.too_many_requests': 'Слишком много неудачных попыток. Повторите через {seconds} с.',
    'login.failed': 'Войти не удалось: {message}',
    'dash.attention': 'Требует внимания', 'dash.nothing': 'Всё в порядке: вмешательство не требуется.',
    'dash.shop': 'Магазин OpenCart', 'dash.shop.up': 'доступен', 'dash.shop.down': 'недоступен',
    'dash.shop.off': 'не настроен (opencart.baseUrl)', 'dash.since': 'с {time}', 'dash.lastOk': 'последний ответ: {time}',
    'dash.breakers': 'Предохранители', 'dash.onec': 'Связь с 1С', 'dash.contact.catalog': 'выгрузка каталога',
    'dash.contact.sale': 'обмен заказами', 'dash.contact.stock': 'остатки (API)', 'dash.contact.orders': 'заказы (API)',
    'dash.orders': 'Опрос заказов', 'dash.orders.off': 'выключен', 'dash.orders.ok': 'последний опрос {time}',
    'dash.orders.bad': 'ошибка опроса {time}: {error}',
    'dash.outbox': 'Очередь доставки', 'dash.outbox.line': 'ожидают: {pending}, с ошибкой: {failed}, старейшая: {age}',
    'dash.imports': 'Импорт', 'dash.imports.none': 'сейчас ничего не импортируется',
    'dash.imports.line': 'в очереди: {queued}, приостановлено: {paused}, с ошибкой за сутки: {failed24h}',
    'never': 'никогда',
    'state.CLOSED': 'замкнут (работает)', 'state.OPEN': 'разомкнут (вызовы не идут)', 'state.HALF_OPEN': 'пробный вызов',
    'state.open': 'идёт приём файлов', 'state.completed': 'файлы приняты', 'state.abandoned': 'брошен 1С',
    'state.queued': 'в очереди', 'state.running': 'выполняется', 'state.paused': 'приостановлен',
    'state.succeeded': 'выполнен', 'state.succeeded_with_errors': 'выполнен с отказами', 'state.failed': 'ошибка',
    'state.cancelled': 'отменён', 'state.pending': 'ожидает', 'state.processing': 'доставляется', 'state.done': 'доставлено',
    'ex.title': 'Обмены с 1С', 'ex.id': 'Обмен', 'ex.type': 'Вид', 'ex.state': 'Состояние', 'ex.started': 'Начат',
    'ex.seen': 'Последний вызов', 'ex.counters': 'Счётчики', 'ex.type.catalog': 'каталог', 'ex.type.sale': 'заказы',
    'ex.back': '← ко всем обменам', 'ex.jobs': 'Файлы и задания', 'ex.none': 'Обменов ещё не было.',
    'job.file': 'Файл', 'job.kind': 'Задание', 'job.state': 'Состояние', 'job.progress': 'Ход', 'job.message': 'Сообщение',
    'job.attempts': 'Попыток', 'job.next': 'следующая попытка {time}', 'job.retry': 'Повторить сейчас',
    'job.cancel': 'Отменить', 'job.errors': 'Отказы по позициям', 'job.cancel.confirm': 'Отменить задание {file}? Оно не будет выполнено.',
    'err.title': 'Отказы по позициям во всех обменах', 'err.search': 'Поиск по позиции или причине',
    'err.item': 'Позиция', 'err.reason': 'Причина', 'err.when': 'Когда', 'err.none': 'Отказов не найдено.', 'err.more': 'Ещё',
    'out.title': 'Очередь доставки', 'out.all': 'все', 'out.type': 'Что', 'out.key': 'Ключ', 'out.attempts': 'Попыток',
    'out.error': 'Последняя ошибка', 'out.retry': 'Повторить', 'out.cancel': 'Отменить', 'out.none': 'Записей нет.',
    'out.cancel.confirm': 'Отменить доставку №{id}? Она больше не будет выполняться.',
    'ord.title': 'Заказы для 1С', 'ord.order': 'Заказ', 'ord.state': 'Состояние', 'ord.when': 'Когда',
    'ord.changes': 'Изменения статуса из 1С', 'ord.none': 'Заказов ещё нет.', 'ord.status': 'статус {id}',
    'ord.state.waiting': 'ждёт передачи в 1С', 'ord.state.handed': 'передан в 1С, ждёт подтверждения',
    'ord.state.confirmed': 'подтверждён 1С', 'ord.state.pushed': 'отправлен в HTTP-сервис 1С',
    'up.title': 'Загрузка файла CommerceML', 'up.help': 'Файл import.xml, offers.xml или zip-архив с ними пройдёт тот же путь, что выгрузка из 1С.',
    'up.submit': 'Загрузить', 'up.sending': 'Загружается… {percent}%', 'up.done': 'Принято: обмен {exchange}.',
    'up.open': 'Открыть обмен', 'up.choose': 'Выберите файл.',
    'up.dryRun': 'Пробный запуск (только план изменений, ничего не записывать)',
    'up.done.dry': 'Принято для пробного запуска: обмен {exchange}, в магазин ничего не запишется.',
    'ex.dryRun': 'пробный запуск', 'state.held': 'ждёт подтверждения',
    'plan.title': 'План изменений', 'plan.dryRun': 'пробный запуск: ничего не записано',
    'plan.state.computing': 'вычисляется', 'plan.state.ready': 'готов', 'plan.state.held': 'ждёт подтверждения',
    'plan.state.approved': 'подтверждён', 'plan.state.rejected': 'отклонён', 'plan.state.applied': 'выполнен',
    'plan.state.stale': 'устарел',
    'plan.approve': 'Подтвердить и выполнить', 'plan.reject': 'Отклонить',
    'plan.reject.confirm': 'Отклонить план? Задание будет отменено, в магазин ничего не запишется.',
    'plan.kind': 'Что', 'plan.action': 'Действие', 'plan.count': 'Количество', 'plan.id': 'Ид', 'plan.name': 'Наименование',
    'plan.field': 'Поле', 'plan.old': 'Было', 'plan.new': 'Станет', 'plan.all': 'все', 'plan.csv': 'Скачать CSV',
    'plan.none': 'Нет строк.', 'plan.empty': 'Изменений нет.', 'plan.next': 'Следующие', 'plan.first': 'В начало',
    'plan.product': 'товар', 'plan.category': 'категория', 'plan.offer': 'предложение', 'plan.image': 'картинка',
    'plan.create': 'создать', 'plan.update': 'изменить', 'plan.disable': 'отключить', 'plan.enable': 'включить',
    'set.title': 'Настройки службы', 'set.help': 'Только чтение; пароли и ключи скрыты. Меняются в config.json или переменных окружения на сервере службы.',
    'problem.http': 'Запрос не выполнен: {message}', 'problem.network': 'Служба не отвечает. Повторим через несколько секунд.',
    'problem.session': 'Сеанс истёк: войдите снова.', 'done': 'Готово.',
    // the service words attention items in Russian itself (GET /api/v1/status); the page uses them as they come
  },
  en: {
    'title': 'Operator console',
    'nav.dashboard': 'Dashboard', 'nav.exchanges': 'Exchanges', 'nav.errors': 'Refusals', 'nav.outbox': 'Outbox',
    'nav.orders': 'Orders', 'nav.upload': 'Upload a file', 'nav.settings': 'Settings',
    'logout': 'Log out',
    'login.title': 'OCBridge console login', 'login.user': 'User', 'login.pass': 'Password', 'login.submit': 'Log in',
    'login.wrong_credentials': 'Wrong user name or password.',
    'login.too_many_requests': 'Too many failed attempts. Try again in {seconds} s.',
    'login.failed': 'Login failed: {message}',
    'dash.attention': 'Needs attention', 'dash.nothing': 'All is well: nothing needs a person.',
    'dash.shop': 'OpenCart shop', 'dash.shop.up': 'reachable', 'dash.shop.down': 'unreachable',
    'dash.shop.off': 'not configured (opencart.baseUrl)', 'dash.since': 'since {time}', 'dash.lastOk': 'last answer: {time}',
    'dash.breakers': 'Circuit breakers', 'dash.onec': 'Contact from 1C', 'dash.contact.catalog': 'catalog exchange',
    'dash.contact.sale': 'orders exchange', 'dash.contact.stock': 'stock (API)', 'dash.contact.orders': 'orders (API)',
    'dash.orders': 'Order poll', 'dash.orders.off': 'off', 'dash.orders.ok': 'last poll {time}',
    'dash.orders.bad': 'poll failed {time}: {error}',
    'dash.outbox': 'Outbox', 'dash.outbox.line': 'pending: {pending}, failed: {failed}, oldest: {age}',
    'dash.imports': 'Imports', 'dash.imports.none': 'nothing is being imported',
    'dash.imports.line': 'queued: {queued}, paused: {paused}, failed in 24 h: {failed24h}',
    'never': 'never',
    'state.CLOSED': 'closed (working)', 'state.OPEN': 'open (calls stopped)', 'state.HALF_OPEN': 'trial call',
    'state.open': 'receiving files', 'state.completed': 'files received', 'state.abandoned': 'abandoned by 1C',
    'state.queued': 'queued', 'state.running': 'running', 'state.paused': 'paused', 'state.succeeded': 'succeeded',
    'state.succeeded_with_errors': 'succeeded with refusals', 'state.failed': 'failed', 'state.cancelled': 'cancelled',
    'state.pending': 'pending', 'state.processing': 'delivering', 'state.done': 'delivered',
    'ex.title': 'Exchanges with 1C', 'ex.id': 'Exchange', 'ex.type': 'Type', 'ex.state': 'State', 'ex.started': 'Started',
    'ex.seen': 'Last call', 'ex.counters': 'Counters', 'ex.type.catalog': 'catalog', 'ex.type.sale': 'orders',
    'ex.back': '← all exchanges', 'ex.jobs': 'Files and jobs', 'ex.none': 'No exchanges yet.',
    'job.file': 'File', 'job.kind': 'Job', 'job.state': 'State', 'job.progress': 'Progress', 'job.message': 'Message',
    'job.attempts': 'Attempts', 'job.next': 'next attempt {time}', 'job.retry': 'Retry now', 'job.cancel': 'Cancel',
    'job.errors': 'Item refusals', 'job.cancel.confirm': 'Cancel the job {file}? It will not run.',
    'err.title': 'Item refusals across exchanges', 'err.search': 'Search item or reason',
    'err.item': 'Item', 'err.reason': 'Reason', 'err.when': 'When', 'err.none': 'No refusals found.', 'err.more': 'More',
    'out.title': 'Outbox', 'out.all': 'all', 'out.type': 'What', 'out.key': 'Key', 'out.attempts': 'Attempts',
    'out.error': 'Last error', 'out.retry': 'Retry', 'out.cancel': 'Cancel', 'out.none': 'No entries.',
    'out.cancel.confirm': 'Cancel delivery #{id}? It will not be attempted again.',
    'ord.title': 'Orders for 1C', 'ord.order': 'Order', 'ord.state': 'State', 'ord.when': 'When',
    'ord.changes': 'Status changes from 1C', 'ord.none': 'No orders yet.', 'ord.status': 'status {id}',
    'ord.state.waiting': 'waiting for 1C', 'ord.state.handed': 'handed to 1C, not confirmed yet',
    'ord.state.confirmed': 'confirmed by 1C', 'ord.state.pushed': "pushed to 1C's HTTP service",
    'up.title': 'Upload a CommerceML file', 'up.help': 'An import.xml, offers.xml or a zip of them takes the same path as an exchange from 1C.',
    'up.submit': 'Upload', 'up.sending': 'Uploading… {percent}%', 'up.done': 'Accepted: exchange {exchange}.',
    'up.open': 'Open the exchange', 'up.choose': 'Choose a file.',
    'up.dryRun': 'Dry run (the change plan only, write nothing)',
    'up.done.dry': 'Accepted as a dry run: exchange {exchange}; nothing will be written to the shop.',
    'ex.dryRun': 'dry run', 'state.held': 'waits for approval',
    'plan.title': 'Change plan', 'plan.dryRun': 'dry run: nothing written',
    'plan.state.computing': 'computing', 'plan.state.ready': 'ready', 'plan.state.held': 'waits for approval',
    'plan.state.approved': 'approved', 'plan.state.rejected': 'rejected', 'plan.state.applied': 'applied',
    'plan.state.stale': 'stale',
    'plan.approve': 'Approve and apply', 'plan.reject': 'Reject',
    'plan.reject.confirm': 'Reject the plan? The job is cancelled and nothing is written to the shop.',
    'plan.kind': 'What', 'plan.action': 'Action', 'plan.count': 'Count', 'plan.id': 'Id', 'plan.name': 'Name',
    'plan.field': 'Field', 'plan.old': 'Was', 'plan.new': 'Becomes', 'plan.all': 'all', 'plan.csv': 'Download CSV',
    'plan.none': 'No lines.', 'plan.empty': 'No changes.', 'plan.next': 'Next', 'plan.first': 'First page',
    'plan.product': 'product', 'plan.category': 'category', 'plan.offer': 'offer', 'plan.image': 'picture',
    'plan.create': 'create', 'plan.update': 'update', 'plan.disable': 'disable', 'plan.enable': 'enable',
    'attention.plan_held': 'Imports waiting for approval: {count}. Their change plan breaks a catalog.approval.* rule or catalog.maxDisableShare; nothing was written. Open the exchange, review the plan and approve or reject it.',
    'set.title': 'Service settings', 'set.help': 'Read only; passwords and keys are hidden. They are changed in config.json or the environment on the service host.',
    'problem.http': 'The request failed: {message}', 'problem.network': 'The service does not answer. Trying again in a few seconds.',
    'problem.session': 'The session has expired: log in again.', 'done': 'Done.',
    'attention.shop_unreachable': 'The shop is unreachable {since}. {reason} The bridge keeps checking: imports wait, stock and order statuses queue and go out when the shop answers. Check the site, that the OCBridge extension is enabled and opencart.baseUrl.',
    'attention.breaker_open': 'Breaker {breaker} is open {since} after repeated errors: such calls are not sent for now. The bridge tries again by itself.',
    'attention.outbox_failed': 'Not delivered after all attempts: {count}. See the reason on the Outbox page and retry once it is fixed.',
    'attention.outbox_backlog': 'The oldest outbox entry has waited {oldestPendingSeconds} s ({pending} pending); the bridge keeps trying, usually the shop or 1C is unreachable.',
    'attention.import_paused': 'Imports paused: {count}. The shop was unreachable; the bridge retries by itself and resumes where it stopped. Retry now or cancel on the Exchanges page.',
    'attention.import_failed': 'Import jobs failed in the last 24 hours: {count}. See the reason on the Exchanges page and repeat the exchange from 1C.',
    'attention.order_poll_failing': 'New orders cannot be read from the shop {since}. {reason} The bridge keeps polling; no order is lost.',
  },
};

let current = localStorage.getItem('ocbridge.lang') === 'en' ? 'en' : 'ru';

export function lang() { return current; }

export function setLang(value) {
  current = value === 'en' ? 'en' : 'ru';
  localStorage.setItem('ocbridge.lang', current);
  document.documentElement.lang = current;
}

export function has(key) { return key in TEXTS[current] || key in TEXTS.ru; }

/** The text for {@code key} with {name} placeholders filled from {@code params}. */
export function t(key, params = {}) {
  const text = TEXTS[current][key] ?? TEXTS.ru[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (params[name] ?? '') + '');
}

/** A date-time from the API, in the chosen language; "never" for null. */
export function time(iso) {
  if (!iso) return t('never');
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString(current === 'en' ? 'en-GB' : 'ru-RU');
}

/** Seconds as "3 min 20 s" / "3 мин 20 с". */
export function duration(seconds) {
  if (seconds == null) return '—';
  const s = Math.max(0, Math.round(seconds));
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const u = current === 'en' ? ['h', 'min', 's'] : ['ч', 'мин', 'с'];
  return (h ? h + ' ' + u[0] + ' ' : '') + (h || m ? m + ' ' + u[1] + ' ' : '') + r + ' ' + u[2];
}
