// zh: 所有园区
// en: Every park
MATCH (x:Park) RETURN x.name AS name ORDER BY x.name
