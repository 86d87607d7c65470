// zh: 所有园区
// en: Every park
MATCH (x:Entity {kind: 'Park'}) RETURN x.name AS name ORDER BY x.name
