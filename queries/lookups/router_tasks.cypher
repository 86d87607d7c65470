// zh: 所有任务的编号、标题、正文和所属方案,供问答全文查找
// en: Every task's number, title, text and plan, for the Ask router's full-text match
MATCH (t:Task)
RETURN t.id AS id, t.number AS number, t.title AS title, t.text AS text, t.document AS document
ORDER BY document, number
