// zh: 最常见的任务编号
// en: The commonest task number
MATCH (t:Task) RETURN t.number AS v, count(*) AS c ORDER BY c DESC, v LIMIT 1
