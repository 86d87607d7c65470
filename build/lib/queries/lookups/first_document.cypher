// zh: 按标题排第一的文件
// en: The first document by title
MATCH (d:Document) RETURN d.title AS v ORDER BY d.title LIMIT 1
