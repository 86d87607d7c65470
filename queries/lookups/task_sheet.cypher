// zh: 每项任务的分工表字段(编号、标题、工程、完成时限、所在章节、文件)
// en: Each task's 分工表 fields: number, title, programme, deadline, section and document
MATCH (t:Task)
RETURN t.id AS id, t.document AS document, t.number AS number, t.seq AS seq, t.title AS title,
       t.programme AS programme, t.deadline AS deadline, t.section AS section
ORDER BY document, seq
