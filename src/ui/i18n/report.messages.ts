// Strings of the site's recognition report (staff panel, issue 17): the estimated error rates of this tablet's gallery,
// twin candidates, weak enrolments, and what the numbers can and cannot say. English, Russian and Kazakh.
import type { Message, MessageBundle } from './messages';

const en = {
  'report.open': 'Recognition report',
  'report.title': 'Recognition report',
  'report.back': 'Back',
  'report.print': 'Print / save as PDF',
  'report.computing': 'Computing the report on this tablet…',
  'report.failed': 'The report could not be made: {reason}',
  'report.intro':
    'Computed on this tablet from its own enrolled face templates, when this screen was opened. No image is used; nothing is stored or sent.',
  'report.empty': 'No enrolled children yet: there is nothing to measure. Enrol children who have face consent first.',
  'report.date': 'Date',
  'report.site': 'Site and tablet',
  'report.site.value': 'Site {site}, tablet {device}',
  'report.site.unpaired': 'Not paired with a district yet; tablet {device}',
  'report.app': 'App version',
  'report.models': 'Models',
  'report.templateModel': 'Templates made by the embedder “{model}”.',
  'report.model': '{file} {version}, sha256 {sha}',
  'report.models.notLoaded': 'The face models have not reported their versions yet.',
  'report.thresholds': 'Thresholds',
  'report.thresholds.value':
    'Match threshold {threshold} (score: cosine to the child minus {weight} × the mean of the next {size} children), margin {margin} to the second child',
  'report.gallery': 'Gallery',
  'report.gallery.value': {
    one: '{count} enrolled child, {samples} samples ({min} to {max} per child)',
    other: '{count} enrolled children, {samples} samples ({min} to {max} per child)',
  },
  'report.leftOut': 'Templates left out: {expired} past their lifetime, {otherModel} of another model, {unreadable} unreadable.',
  'report.skipped': 'Samples that could not be used: {count}.',
  'report.paused': 'Face matching is paused on this tablet now; the report uses the stored templates all the same.',
  'report.figures': 'Estimated error rates at the threshold',
  'report.col.measure': 'Measure',
  'report.col.counts': 'Errors / searches',
  'report.col.estimate': 'Estimate',
  'report.col.interval': '95% interval (Clopper–Pearson)',
  'report.fpir': 'FPIR: a child taken for another child',
  'report.fnir': 'FNIR: an enrolled child not recognised',
  'report.counts': '{errors} / {trials}',
  'report.percent': '{value}%',
  'report.interval': '{lower}% – {upper}%',
  'report.notMeasurable': 'not measurable',
  'report.fpir.how':
    'FPIR: each child’s samples searched against all the other children (the child left out); an error when the best score reaches the threshold.',
  'report.fnir.how':
    'FNIR: each sample held out and searched against the child’s other samples; an error when the child is not the best candidate at or above the threshold.',
  'report.nearest': 'Closest other child, over all children: highest score {max}, median {median} (threshold {threshold}).',
  'report.withinMargin': {
    one: '{count} held-out search found the right child with another child within the margin: the gate would ask for the bracelet.',
    other: '{count} held-out searches found the right child with another child within the margin: the gate would ask for the bracelet.',
  },
  'report.twins': 'Twin candidates',
  'report.twins.how':
    'Pairs of children whose closest score to each other reaches threshold − margin ({limit}): the gate may confuse them.',
  'report.twins.none': 'No pair of children comes that close.',
  'report.twin': '{a} and {b}: score {score}.',
  'report.twin.flagged': 'Confirmed as twins: both are always asked for their bracelet.',
  'report.twin.unflagged': 'Not confirmed as twins: check both enrolments; re-enrol recommended, or confirm them as twins.',
  'report.weak': 'Weak enrolments',
  'report.weak.none': 'No weak enrolment.',
  'report.weak.few-samples': '{samples} samples, fewer than the {min} an enrolment needs.',
  'report.weak.held-out-below-threshold':
    'Samples below the threshold against the child’s other samples: {misses} of {heldOut} (lowest score {score}).',
  'report.weak.held-out-outranked': 'Samples that score higher for {other} than for this child: {misses} of {heldOut}.',
  'report.weak.reenrol': 'Re-enrol recommended.',
  'report.limits': 'What these numbers can and cannot say',
  'report.limits.terms':
    'FPIR and FNIR are the false positive and false negative identification rates of ISO/IEC 19795-1, estimated here from this tablet’s gallery: every enrolled child is searched as if a stranger (FPIR) and as themselves (FNIR), scored exactly as the gate scores a face.',
  'report.limits.samples':
    'They come from enrolment samples taken minutes apart, not from children at the gate: light, distance, pose and growing faces differ there, and the gate also fuses several frames, demands the margin and stable frames, and checks liveness. Real rates may be higher or lower.',
  'report.limits.intervals':
    'Samples of one child are not independent, and people who are not enrolled (parents, visitors) are not measured at all. The 95% intervals treat every search as independent, so the real uncertainty is wider. A small gallery gives wide intervals: 0 errors does not mean 0 risk.',
  'report.limits.stored':
    'Nothing of this report is stored on the tablet or sent to the district. Print it or save it as PDF for the site’s data-protection impact assessment.',
} satisfies Record<string, Message>;

type Key = keyof typeof en;

const ru: Record<Key, Message> = {
  'report.open': 'Отчёт о распознавании',
  'report.title': 'Отчёт о распознавании',
  'report.back': 'Назад',
  'report.print': 'Печать / сохранить в PDF',
  'report.computing': 'Отчёт вычисляется на этом планшете…',
  'report.failed': 'Не удалось составить отчёт: {reason}',
  'report.intro':
    'Вычислен на этом планшете по его собственным записанным шаблонам лиц в момент открытия экрана. Изображения не используются; ничего не сохраняется и не передаётся.',
  'report.empty': 'Записанных детей пока нет: измерять нечего. Сначала запишите лица детей, у которых есть согласие.',
  'report.date': 'Дата',
  'report.site': 'Учреждение и планшет',
  'report.site.value': 'Учреждение {site}, планшет {device}',
  'report.site.unpaired': 'Планшет ещё не подключён к району; планшет {device}',
  'report.app': 'Версия приложения',
  'report.models': 'Модели',
  'report.templateModel': 'Шаблоны созданы моделью «{model}».',
  'report.model': '{file} {version}, sha256 {sha}',
  'report.models.notLoaded': 'Модели лиц ещё не сообщили свои версии.',
  'report.thresholds': 'Пороги',
  'report.thresholds.value':
    'Порог совпадения {threshold} (оценка: косинус к ребёнку минус {weight} × среднее следующих {size} детей), отрыв от второго ребёнка {margin}',
  'report.gallery': 'Галерея',
  'report.gallery.value': {
    one: 'Записанных детей: {count}, образцов: {samples} (от {min} до {max} на ребёнка)',
    other: 'Записанных детей: {count}, образцов: {samples} (от {min} до {max} на ребёнка)',
  },
  'report.leftOut': 'Не учтены шаблоны: с истёкшим сроком — {expired}, другой модели — {otherModel}, нечитаемые — {unreadable}.',
  'report.skipped': 'Непригодных образцов: {count}.',
  'report.paused': 'Распознавание лиц на этом планшете сейчас приостановлено; отчёт всё равно составлен по сохранённым шаблонам.',
  'report.figures': 'Оценка доли ошибок при этом пороге',
  'report.col.measure': 'Показатель',
  'report.col.counts': 'Ошибок / поисков',
  'report.col.estimate': 'Оценка',
  'report.col.interval': '95% интервал (Клоппер — Пирсон)',
  'report.fpir': 'FPIR: ребёнка приняли за другого',
  'report.fnir': 'FNIR: записанного ребёнка не узнали',
  'report.counts': '{errors} / {trials}',
  'report.percent': '{value}%',
  'report.interval': '{lower}% – {upper}%',
  'report.notMeasurable': 'не измеряется',
  'report.fpir.how':
    'FPIR: образцы каждого ребёнка ищутся среди всех остальных детей (сам ребёнок исключён); ошибка — если лучшая оценка достигает порога.',
  'report.fnir.how':
    'FNIR: каждый образец по очереди откладывается и ищется по остальным образцам ребёнка; ошибка — если ребёнок не лучший кандидат на пороге или выше.',
  'report.nearest': 'Ближайший другой ребёнок по всем детям: наибольшая оценка {max}, медиана {median} (порог {threshold}).',
  'report.withinMargin': {
    one: 'Поисков, где нашёлся верный ребёнок, но другой был в пределах отрыва (на входе спросили бы браслет): {count}.',
    other: 'Поисков, где нашёлся верный ребёнок, но другой был в пределах отрыва (на входе спросили бы браслет): {count}.',
  },
  'report.twins': 'Возможные близнецы',
  'report.twins.how': 'Пары детей, чья наибольшая оценка друг к другу достигает порога минус отрыв ({limit}): система может их спутать.',
  'report.twins.none': 'Таких близких пар нет.',
  'report.twin': '{a} и {b}: оценка {score}.',
  'report.twin.flagged': 'Подтверждены как близнецы: у обоих всегда запрашивается браслет.',
  'report.twin.unflagged':
    'Не подтверждены как близнецы: проверьте обе записи; рекомендуется записать лицо заново или подтвердить близнецов.',
  'report.weak': 'Слабые записи',
  'report.weak.none': 'Слабых записей нет.',
  'report.weak.few-samples': 'Образцов: {samples}, меньше {min}, нужных для записи.',
  'report.weak.held-out-below-threshold':
    'Образцов ниже порога по остальным образцам ребёнка: {misses} из {heldOut} (наименьшая оценка {score}).',
  'report.weak.held-out-outranked': 'Образцов, которые ближе к ребёнку {other}, чем к этому ребёнку: {misses} из {heldOut}.',
  'report.weak.reenrol': 'Рекомендуется записать лицо заново.',
  'report.limits': 'Что эти числа могут и чего не могут сказать',
  'report.limits.terms':
    'FPIR и FNIR — доли ложноположительной и ложноотрицательной идентификации по ISO/IEC 19795-1, оценённые по галерее этого планшета: каждый записанный ребёнок ищется как посторонний (FPIR) и как он сам (FNIR), с той же оценкой, что и на входе.',
  'report.limits.samples':
    'Они получены по образцам, снятым при записи с разницей в минуты, а не по детям у входа: там другие свет, расстояние, поворот головы, лица растут; кроме того, на входе объединяются несколько кадров, требуются отрыв и устойчивость по кадрам и проверка живости. Реальные доли могут быть выше или ниже.',
  'report.limits.intervals':
    'Образцы одного ребёнка не независимы, а незаписанные люди (родители, посетители) не измеряются вовсе. 95% интервалы считают каждый поиск независимым, поэтому реальная неопределённость шире. Маленькая галерея даёт широкие интервалы: 0 ошибок не означает нулевой риск.',
  'report.limits.stored':
    'Ничего из этого отчёта не сохраняется на планшете и не передаётся в район. Распечатайте его или сохраните в PDF для оценки воздействия на защиту данных учреждения.',
};

const kk: Record<Key, Message> = {
  'report.open': 'Тану есебі',
  'report.title': 'Тану есебі',
  'report.back': 'Артқа',
  'report.print': 'Басып шығару / PDF ретінде сақтау',
  'report.computing': 'Есеп осы планшетте есептелуде…',
  'report.failed': 'Есеп жасалмады: {reason}',
  'report.intro':
    'Осы экран ашылған кезде планшеттің өзінде тіркелген бет үлгілерінен есептелді. Ешбір сурет қолданылмайды; ештеңе сақталмайды және жіберілмейді.',
  'report.empty': 'Әзірге тіркелген бала жоқ: өлшейтін ештеңе жоқ. Алдымен бетке келісімі бар балаларды тіркеңіз.',
  'report.date': 'Күні',
  'report.site': 'Мекеме және планшет',
  'report.site.value': 'Мекеме {site}, планшет {device}',
  'report.site.unpaired': 'Планшет әлі ауданға қосылмаған; планшет {device}',
  'report.app': 'Қолданба нұсқасы',
  'report.models': 'Модельдер',
  'report.templateModel': 'Үлгілерді «{model}» моделі жасаған.',
  'report.model': '{file} {version}, sha256 {sha}',
  'report.models.notLoaded': 'Бет модельдері әлі өз нұсқаларын хабарламады.',
  'report.thresholds': 'Шектер',
  'report.thresholds.value':
    'Сәйкестік шегі {threshold} (баға: балаға дейінгі косинус минус келесі {size} баланың орташасының {weight} есесі), екінші баладан алшақтық {margin}',
  'report.gallery': 'Галерея',
  'report.gallery.value': {
    one: 'Тіркелген балалар: {count}, үлгілер: {samples} (бір балаға {min}–{max})',
    other: 'Тіркелген балалар: {count}, үлгілер: {samples} (бір балаға {min}–{max})',
  },
  'report.leftOut': 'Есепке алынбаған үлгілер: мерзімі өткен — {expired}, басқа модельдікі — {otherModel}, оқылмайтын — {unreadable}.',
  'report.skipped': 'Жарамсыз үлгілер: {count}.',
  'report.paused': 'Бұл планшетте бетті тану қазір тоқтатылған; есеп бәрібір сақталған үлгілерден жасалды.',
  'report.figures': 'Осы шектегі қателер үлесінің бағасы',
  'report.col.measure': 'Көрсеткіш',
  'report.col.counts': 'Қателер / іздеулер',
  'report.col.estimate': 'Баға',
  'report.col.interval': '95% аралық (Клоппер — Пирсон)',
  'report.fpir': 'FPIR: баланы басқа бала деп қабылдау',
  'report.fnir': 'FNIR: тіркелген баланы танымау',
  'report.counts': '{errors} / {trials}',
  'report.percent': '{value}%',
  'report.interval': '{lower}% – {upper}%',
  'report.notMeasurable': 'өлшенбейді',
  'report.fpir.how':
    'FPIR: әр баланың үлгілері қалған барлық балалардың арасынан ізделеді (баланың өзі алынып тасталады); ең жоғары баға шекке жетсе — қате.',
  'report.fnir.how':
    'FNIR: әр үлгі кезекпен бөлек алынып, баланың қалған үлгілері бойынша ізделеді; бала шекте не одан жоғары ең үздік үміткер болмаса — қате.',
  'report.nearest': 'Барлық балалар бойынша ең жақын басқа бала: ең жоғары баға {max}, медиана {median} (шек {threshold}).',
  'report.withinMargin': {
    one: 'Дұрыс бала табылған, бірақ басқа бала алшақтық шегінде болған іздеулер (кіреберісте білезік сұралар еді): {count}.',
    other: 'Дұрыс бала табылған, бірақ басқа бала алшақтық шегінде болған іздеулер (кіреберісте білезік сұралар еді): {count}.',
  },
  'report.twins': 'Егіз болуы мүмкін балалар',
  'report.twins.how': 'Бір-біріне ең жоғары бағасы шек минус алшақтыққа ({limit}) жететін балалар жұбы: жүйе оларды шатастыруы мүмкін.',
  'report.twins.none': 'Мұндай жақын жұп жоқ.',
  'report.twin': '{a} және {b}: баға {score}.',
  'report.twin.flagged': 'Егіз ретінде расталған: екеуінен де әрдайым білезік сұралады.',
  'report.twin.unflagged': 'Егіз ретінде расталмаған: екі тіркеуді де тексеріңіз; бетті қайта тіркеу немесе егіздерді растау ұсынылады.',
  'report.weak': 'Әлсіз тіркеулер',
  'report.weak.none': 'Әлсіз тіркеу жоқ.',
  'report.weak.few-samples': 'Үлгілер: {samples}, тіркеуге қажетті {min} үлгіден аз.',
  'report.weak.held-out-below-threshold':
    'Баланың қалған үлгілері бойынша шектен төмен үлгілер: {heldOut} ішінен {misses} (ең төменгі баға {score}).',
  'report.weak.held-out-outranked': 'Осы балаға қарағанда {other} баласына жақынырақ үлгілер: {heldOut} ішінен {misses}.',
  'report.weak.reenrol': 'Бетті қайта тіркеу ұсынылады.',
  'report.limits': 'Бұл сандар нені айта алады және нені айта алмайды',
  'report.limits.terms':
    'FPIR және FNIR — ISO/IEC 19795-1 бойынша жалған оң және жалған теріс сәйкестендіру үлестері, осы планшеттің галереясы бойынша бағаланған: әр тіркелген бала бөгде адам ретінде (FPIR) және өзі ретінде (FNIR) ізделеді, кіреберістегідей бағаланады.',
  'report.limits.samples':
    'Олар тіркеу кезінде бірнеше минут аралығында түсірілген үлгілерден алынған, кіреберістегі балалардан емес: онда жарық, қашықтық, бас бұрылысы басқа, балалардың беті өседі; сонымен қатар кіреберісте бірнеше кадр біріктіріледі, алшақтық пен кадрлардағы тұрақтылық және тірілікті тексеру талап етіледі. Нақты үлестер жоғары да, төмен де болуы мүмкін.',
  'report.limits.intervals':
    'Бір баланың үлгілері тәуелсіз емес, ал тіркелмеген адамдар (ата-аналар, келушілер) мүлде өлшенбейді. 95% аралықтар әр іздеуді тәуелсіз деп санайды, сондықтан нақты белгісіздік кеңірек. Шағын галерея кең аралық береді: 0 қате нөлдік тәуекел дегенді білдірмейді.',
  'report.limits.stored':
    'Бұл есептің ештеңесі планшетте сақталмайды және ауданға жіберілмейді. Оны мекеменің деректерді қорғауға әсерін бағалау үшін басып шығарыңыз немесе PDF ретінде сақтаңыз.',
};

export const reportMessages: MessageBundle<Key> = { en, ru, kk };
