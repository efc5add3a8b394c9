import { describe, expect, it } from 'vitest';
import { contentStems, stem, words } from './tokens.js';

describe('words', () => {
  it.each([
    ['Не гріють БАТАРЕЇ', ['не', 'гріють', 'батареї']],
    ['Об’єднання, Об`єднання, Обʼєднання', ['обєднання', 'обєднання', 'обєднання']],
    // Latin o and a typed inside Cyrillic words
    ['вoда в пiдвaлi', ['вода', 'в', 'підвалі']],
    ['кв. 5, буд. 12-А', ['кв', 'буд', 'а']],
    ['Ґанок, ёлка, горячей воды', ['ганок', 'елка', 'горячей', 'води']],
    ['Pothole on 5th Ave', ['pothole', 'on', '5th', 'ave']],
    // NFD input (и + combining breve) becomes NFC й
    ['гарячии\u0306', ['гарячий']],
  ])('%s', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });
});

describe('stem', () => {
  it.each([
    [['батареї', 'батарея', 'батареях'], 'батаре'],
    [['гріють', 'гріти', 'гріє'], 'грі'],
    [['квартирі', 'квартира', 'квартиру', 'квартирою'], 'квартир'],
    [['гарячої', 'гаряча', 'гарячий', 'гарячого'], 'гаряч'],
    [['опалення', 'опаленням'], 'опаленн'],
    [['горячей', 'горячая', 'горячую'], 'горяч'],
    [['сміття', 'сміттям'], 'смітт'],
    [['potholes', 'pothole'], 'pothole'],
    [['parking', 'parked'], 'park'],
  ])('%j → %s', (forms, expected) => {
    for (const form of forms) expect(stem(words(form)[0]!)).toBe(expected);
  });

  it.each(['дім', 'яма', 'car'])('short word %s keeps at least three letters', (w) => {
    expect(stem(w).length).toBeGreaterThanOrEqual(3);
  });
});

describe('contentStems', () => {
  it('leaves out stop words of all three languages', () => {
    expect(contentStems('Не гріють батареї у квартирі')).toEqual(['грі', 'батаре', 'квартир']);
    expect(contentStems('нет горячей воды в доме')).toEqual(['горяч', 'вод', 'дом']);
    expect(contentStems('there is a pothole on the street')).toEqual(['pothole', 'street']);
  });
});
