// zh: 所有任务(编号、标题、所属文件)
// en: Every task with its number, title and document
MATCH (t:Task)
RETURN t.id AS id, t.number AS number, t.seq AS seq, t.title AS title, t.document AS document,
       t.programme AS programme
ORDER BY document, seq
