/**
 * What operators type for an address (Kharkiv's registry): current names, pre-2016 names from the
 * 1562 dictionary, partial words and one letter wrong, with and without the house.
 */
export const ADDRESS_QUERIES = [
  'Сумська 12',
  'вул. Алчевських, 4',
  'просп. Науки 10',
  'Пушкінська 5',
  'Артема 5',
  'вул. Червоноармійська',
  'Бакинських Комісарів 2',
  'Блюхера',
  'сумс',
  'героїв пр',
  'плех 1',
  'Сумськя 10',
  'Пушкинська 3',
  'Алчевськіх 20',
  'Клочківська 100',
  'Салтівське шосе 250',
];
