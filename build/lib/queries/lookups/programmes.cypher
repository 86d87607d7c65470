// zh: 所有工程(任务板块)
// en: Every programme
MATCH (x:Programme)
RETURN x.name AS name, x.document AS document, x.number AS number
ORDER BY document, number
