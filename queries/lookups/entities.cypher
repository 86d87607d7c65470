// zh: 孵化器、举措和主体
// en: Incubators, initiatives and stakeholders
MATCH (x:Entity)
WHERE x.kind IN ['Incubator', 'Initiative', 'Stakeholder']
RETURN x.name AS name, x.kind AS kind
ORDER BY kind, name
