/**
 * Write or edit an article (issue 19): title and body in Ukrainian (English optional), Markdown
 * with a preview the server renders and sanitises exactly as it will store it; tags, question
 * types, public or staff only, review date. Only an administrator or an assigned editor may save.
 */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { articleInputSchema } from '../../../../contract/knowledge.schemas.js';
import { classifierQuery } from '../../../shared/api/queries.js';
import { localName } from '../../../shared/i18n/locale.js';
import { PageHeader } from '../../../shared/layout/PageHeader.js';
import { cityToday } from '../../../shared/lib/format.js';
import { errorText } from '../../../shared/lib/server-errors.js';
import { ErrorNote } from '../../../shared/ui/ErrorNote.js';
import { articleQuery, previewMarkdown, useSaveArticle } from '../api/knowledge.js';
import { ArticleHtml } from './ArticleHtml.js';

function inAYear(): string {
  const today = cityToday();
  return `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
}

export function ArticleEditorPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const param = useParams().id;
  const id = param ? Number(param) : null;
  const existing = useQuery({ ...articleQuery(id ?? 0), enabled: id !== null });
  const classifier = useQuery(classifierQuery);
  const save = useSaveArticle(id);
  const [title, setTitle] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [bodyUk, setBodyUk] = useState('');
  const [bodyEn, setBodyEn] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [isPublic, setIsPublic] = useState(false);
  const [reviewBy, setReviewBy] = useState(inAYear());
  const [questionTypeIds, setQuestionTypeIds] = useState<string[]>([]);
  const [preview, setPreview] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);

  const loaded = existing.data;
  useEffect(() => {
    if (!loaded) return;
    setTitle(loaded.title);
    setTitleEn(loaded.titleEn ?? '');
    setBodyUk(loaded.bodyUk);
    setBodyEn(loaded.bodyEn ?? '');
    setTags(loaded.tags);
    setIsPublic(loaded.isPublic);
    setReviewBy(loaded.reviewBy);
    setQuestionTypeIds(loaded.questionTypeIds.map(String));
  }, [loaded]);

  const typeOptions = (classifier.data ?? []).map((k) => ({
    group: localName(i18n.language, k.name, k.nameEn),
    items: k.questionTypes.map((q) => ({
      value: String(q.id),
      label: localName(i18n.language, q.name, q.nameEn),
    })),
  }));

  const showPreview = async () => {
    setPreviewError(null);
    try {
      setPreview((await previewMarkdown(bodyUk)).html);
    } catch (error) {
      setPreviewError(errorText(t, error));
    }
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = articleInputSchema.safeParse({
      title,
      titleEn: titleEn.trim() || null,
      bodyUk,
      bodyEn: bodyEn.trim() || null,
      tags,
      isPublic,
      reviewBy,
      questionTypeIds: questionTypeIds.map(Number),
      organisationIds: loaded?.organisationIds ?? [],
    });
    if (!parsed.success) {
      setInvalid(t('knowledge.invalid'));
      return;
    }
    setInvalid(null);
    save.mutate(parsed.data, {
      onSuccess: (article) => void navigate(`/knowledge/${article.id}`),
    });
  };

  return (
    <Stack gap="md">
      <PageHeader title={id === null ? t('knowledge.newArticle') : t('knowledge.editArticle')} />
      <ErrorNote error={existing.error ?? save.error} />
      {invalid ? (
        <Alert color="red" variant="light" role="alert">
          {invalid}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <TextInput
              label={t('knowledge.articleTitle')}
              required
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
            />
            <TextInput
              label={t('knowledge.articleTitleEn')}
              value={titleEn}
              onChange={(e) => setTitleEn(e.currentTarget.value)}
            />
          </SimpleGrid>
          <Textarea
            label={t('knowledge.bodyUk')}
            description={t('knowledge.markdownHint')}
            required
            autosize
            minRows={8}
            value={bodyUk}
            onChange={(e) => setBodyUk(e.currentTarget.value)}
          />
          <Group>
            <Button variant="default" onClick={() => void showPreview()}>
              {t('knowledge.preview')}
            </Button>
          </Group>
          {previewError ? (
            <Alert color="red" variant="light" role="alert">
              {previewError}
            </Alert>
          ) : null}
          {preview !== null ? (
            <Paper withBorder p="md" radius="md" component="section" aria-labelledby="preview-h">
              <Title order={2} size="h5" id="preview-h" mb="sm">
                {t('knowledge.previewTitle')}
              </Title>
              <div data-testid="article-preview">
                <ArticleHtml html={preview} />
              </div>
            </Paper>
          ) : null}
          <Textarea
            label={t('knowledge.bodyEn')}
            autosize
            minRows={3}
            value={bodyEn}
            onChange={(e) => setBodyEn(e.currentTarget.value)}
          />
          <MultiSelect
            label={t('knowledge.questionTypes')}
            data={typeOptions}
            value={questionTypeIds}
            onChange={setQuestionTypeIds}
            searchable
            clearable
            limit={50}
            nothingFoundMessage={t('knowledge.nothingFound')}
          />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <TagsInput label={t('knowledge.tags')} value={tags} onChange={setTags} clearable />
            <TextInput
              type="date"
              label={t('knowledge.reviewBy')}
              required
              value={reviewBy}
              onChange={(e) => setReviewBy(e.currentTarget.value)}
            />
          </SimpleGrid>
          <Checkbox
            label={t('knowledge.isPublic')}
            checked={isPublic}
            onChange={(e) => setIsPublic(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('knowledge.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
