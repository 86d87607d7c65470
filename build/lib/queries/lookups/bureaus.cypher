// zh: 所有单位(简称、全称、别名),供问答识别和选择
// en: Every bureau with its short name, full name and aliases, for the Ask router and pickers
MATCH (b:Bureau)
RETURN b.id AS id, b.name AS name, b.short_name AS short_name, b.aliases AS aliases
ORDER BY b.short_name
