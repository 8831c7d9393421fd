// Package vocab is the vocabulary of shell commands: what how knows about
// the words of commands and of what people say commands do, whatever
// source they come from and whatever index holds them.
//
// It holds how a command line splits into the terms people search it by
// (the cmdline tokenizer, registered with bleve in init; the head of a
// command and the data it carries), the function words dropped from
// descriptions, the synonym and tool lists (synonyms.txt, tools.txt),
// what commands show about pipes, the names of Linux distributions, what
// the machine's man pages say programs are, and the words learned to be
// used for the same thing (related.txt).
package vocab
