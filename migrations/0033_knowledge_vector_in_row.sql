-- Knowledge search ranks every article a query matches by its search vector (ts_rank). Stored the
-- default way, a vector of a long article lives in TOAST and a common query reads ~9 TOAST pages
-- per matching row to rank it (docs/PERFORMANCE.md, issue 19). STORAGE MAIN keeps it in the row,
-- compressed; the long texts (body, HTML, search text) still move out first.
-- SET STORAGE changes the catalogue only; the UPDATE stores the existing rows again (the knowledge
-- base is thousands of rows, not millions: a short lock of this one table).
ALTER TABLE knowledge_articles ALTER COLUMN search_vector SET STORAGE MAIN;
UPDATE knowledge_articles SET search_text = search_text;
