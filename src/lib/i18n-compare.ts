// UI strings of compare mode, "what changed", span playing and SVG/WebM export, in kk, ru and en.
import type { Lang } from './data-types.ts';

const en = {
  compare: 'Compare two dates',
  compareOff: 'Close comparison',
  compareLeft: 'Left',
  compareRight: 'Right',
  compareTop: 'Top',
  compareBottom: 'Bottom',
  compareDivider: 'Divider between the two dates',
  compareDiffers: 'Outlined: ground that changed hands between the two dates',
  changeCaption: 'What changed',
  abolished: 'abolished',
  outside: 'outside the republic',
  underRepublic: 'districts under the republic',
  span: 'Play a span',
  spanFrom: 'From',
  spanTo: 'To',
  spanLoop: 'Loop',
  spanPlay: 'Play span',
  spanStop: 'Stop',
  spanSeconds: 'Video length (s)',
  exportWebm: 'WebM video of the span',
  recording: 'Recording…',
  exportSvg: 'SVG (vector map)',
  svgScale: 'Scale',
};

/** Keys of these strings. */
export type CompareKey = keyof typeof en;

const ru: Record<CompareKey, string> = {
  compare: 'Сравнить две даты',
  compareOff: 'Закрыть сравнение',
  compareLeft: 'Слева',
  compareRight: 'Справа',
  compareTop: 'Сверху',
  compareBottom: 'Снизу',
  compareDivider: 'Разделитель двух дат',
  compareDiffers: 'Обведено: территория, сменившая принадлежность между двумя датами',
  changeCaption: 'Что изменилось',
  abolished: 'упразднён',
  outside: 'вне республики',
  underRepublic: 'районы республиканского подчинения',
  span: 'Проиграть период',
  spanFrom: 'С',
  spanTo: 'По',
  spanLoop: 'Повторять',
  spanPlay: 'Проиграть',
  spanStop: 'Стоп',
  spanSeconds: 'Длина видео (с)',
  exportWebm: 'Видео WebM периода',
  recording: 'Запись…',
  exportSvg: 'SVG (векторная карта)',
  svgScale: 'Масштаб',
};

const kk: Record<CompareKey, string> = {
  compare: 'Екі күнді салыстыру',
  compareOff: 'Салыстыруды жабу',
  compareLeft: 'Сол жақта',
  compareRight: 'Оң жақта',
  compareTop: 'Жоғарыда',
  compareBottom: 'Төменде',
  compareDivider: 'Екі күннің арасындағы бөлгіш',
  compareDiffers: 'Сызылған: екі күн арасында иесі ауысқан аумақ',
  changeCaption: 'Не өзгерді',
  abolished: 'таратылды',
  outside: 'республикадан тыс',
  underRepublic: 'республикаға тікелей бағынатын аудандар',
  span: 'Кезеңді ойнату',
  spanFrom: 'Басы',
  spanTo: 'Соңы',
  spanLoop: 'Қайталау',
  spanPlay: 'Ойнату',
  spanStop: 'Тоқтату',
  spanSeconds: 'Бейне ұзақтығы (с)',
  exportWebm: 'Кезеңнің WebM бейнесі',
  recording: 'Жазылуда…',
  exportSvg: 'SVG (векторлық карта)',
  svgScale: 'Масштаб',
};

const STRINGS: Record<Lang, Record<CompareKey, string>> = { en, ru, kk };

/** A string of compare / span / export in the reader's language. */
export function tc(lang: Lang, key: CompareKey): string {
  return STRINGS[lang][key];
}
