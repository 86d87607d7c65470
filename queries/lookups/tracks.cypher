// zh: 所有产业赛道
// en: Every industry track
MATCH (x:Entity {kind: 'Track'}) RETURN x.name AS name ORDER BY x.name
