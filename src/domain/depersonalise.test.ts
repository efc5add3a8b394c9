import { describe, expect, it } from 'vitest';
import { publicAddress, publicCoordinate } from './depersonalise.js';

describe('publicAddress: flats, rooms, phones and e-mails are cut', () => {
  it.each([
    ['вул. Хрещатик, 1, кв. 12', 'вул. Хрещатик, 1'],
    ['вул. Хрещатик, 1, кв.12', 'вул. Хрещатик, 1'],
    ['вул. Хрещатик, 1 кв 12', 'вул. Хрещатик, 1'],
    ['вул. Хрещатик 1, квартира 5', 'вул. Хрещатик 1'],
    ['просп. Перемоги, 20/2, корп. 1, кв. 45', 'просп. Перемоги, 20/2, корп. 1'],
    ['вул. Велика Житомирська, 27, кімн. 3', 'вул. Велика Житомирська, 27'],
    ['вул. Січових Стрільців, 5, офіс 214', 'вул. Січових Стрільців, 5'],
    ['вул. Січових Стрільців, 5, оф. 2', 'вул. Січових Стрільців, 5'],
    ['12 Main St, Apt 5', '12 Main St'],
    ['12 Main St, apt. 5B', '12 Main St'],
    ['12 Main St, Apartment 7', '12 Main St'],
    ['12 Main St, Flat 3', '12 Main St'],
    ['12 Main St #12', '12 Main St'],
    ['вул. Роздільна, 5, тел. 067 123 45 67', 'вул. Роздільна, 5'],
    ['вул. Роздільна, 5, +380671234567', 'вул. Роздільна, 5'],
    ['вул. Роздільна, 5 (petrenko@example.org)', 'вул. Роздільна, 5'],
    ['вул. Роздільна, 5', 'вул. Роздільна, 5'],
    ['вул. Роздільна, 26-А', 'вул. Роздільна, 26-А'],
    ['пров. Ковальський, 20/2', 'пров. Ковальський, 20/2'],
    ['вул. Квітки Цісик, 3', 'вул. Квітки Цісик, 3'],
    ['вул. Оболонська, 14, під’їзд 2', 'вул. Оболонська, 14, під’їзд 2'],
    ['Kvitneva St, 3', 'Kvitneva St, 3'],
  ])('%s → %s', (input, expected) => {
    expect(publicAddress(input)).toBe(expected);
  });

  it.each([[null], [undefined], [''], ['кв. 12'], [', ,']])('%s → null', (input) => {
    expect(publicAddress(input)).toBeNull();
  });
});

describe('publicCoordinate', () => {
  it.each([
    [50.450123456, 50.4501],
    [30.523456789, 30.5235],
    [-0.00004, -0],
    [null, null],
    [Number.NaN, null],
  ])('%s → %s', (input, expected) => {
    expect(publicCoordinate(input)).toBe(expected);
  });
});
