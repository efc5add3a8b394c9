import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { classifierQuery } from '../api/queries.js';

/**
 * A question type's name in the chosen language: appeals carry the Ukrainian name; the classifier
 * (cached) has the English one where the city gave it.
 */
export function useQuestionTypeName(): (type: { id: number; name: string }) => string {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  const classifier = useQuery({ ...classifierQuery, enabled: english });
  const names = useMemo(() => {
    const map = new Map<number, string>();
    for (const kind of classifier.data ?? []) {
      for (const type of kind.questionTypes) if (type.nameEn) map.set(type.id, type.nameEn);
    }
    return map;
  }, [classifier.data]);
  return (type) => (english ? (names.get(type.id) ?? type.name) : type.name);
}
