"""Code the case kinds share: history entries, pinyin search keys, files staged across a refused form."""
