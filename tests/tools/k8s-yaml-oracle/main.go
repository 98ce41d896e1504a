// Command k8s-yaml-oracle reads YAML streams the way Kubernetes does and prints what each document means,
// so that tests can hold secret-postrenderer's reading to it.
//
// A stream is split into documents by the rule of k8s.io/apimachinery/pkg/util/yaml's YAMLReader (the reader
// behind kubectl, helm and the API server's YAML decoding), re-implemented here because Debian ships no
// apimachinery package: the stream is read line by line (bufio's ReadLine: "\n" or "\r\n" ends a line and is
// replaced by "\n"; a last line without one gets one). A line that starts with "---" is a separator when what
// follows on the line, trimmed, is empty or starts with "#", and an error ("invalid Yaml document separator")
// when anything else follows. A separator ends the document read so far and is dropped; but when nothing has
// been read since the last one (the stream's start, or "---" right after "---"), the separator line is kept
// as the first line of the next document, as the YAMLReader does (so "---\n---\n" holds a document "---\n",
// which reads as null). Each document is converted with sigs.k8s.io/yaml's YAMLToJSON (go-yaml v2, then
// JSON), as apimachinery's YAMLToJSONDecoder does.
//
// Protocol (one process serves many streams): stdin holds frames "<decimal byte count>\n<bytes>"; for each frame
// one line of JSON is written to stdout, flushed at once:
//
//	{"docs":[{"json":<value>}|{"error":"<message>"}, ...], "splitError":"<message>"}
//
// docs are in stream order; "json" is YAMLToJSON's output (null for an empty or comment-only document);
// splitError is present when the splitter stopped at an invalid separator (the documents before it are listed).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"sigs.k8s.io/yaml"
)

type document struct {
	JSON  json.RawMessage `json:"json,omitempty"`
	Error string          `json:"error,omitempty"`
}

type streamResult struct {
	Docs       []document `json:"docs"`
	SplitError string     `json:"splitError,omitempty"`
}

const separator = "---"

// splitStream returns the documents of a stream in apimachinery's YAMLReader's terms, and the splitter's error.
func splitStream(stream []byte) ([][]byte, error) {
	reader := bufio.NewReader(bytes.NewReader(stream))
	var documents [][]byte
	var current bytes.Buffer
	for {
		line, err := readLine(reader)
		if err != nil && err != io.EOF {
			return documents, err
		}
		if bytes.HasPrefix(line, []byte(separator)) {
			rest := strings.TrimSpace(string(line[len(separator):]))
			if len(rest) > 0 && rest[0] != '#' {
				return documents, fmt.Errorf("invalid Yaml document separator: %s", rest)
			}
			if current.Len() != 0 {
				documents = append(documents, append([]byte(nil), current.Bytes()...))
				current.Reset()
				continue
			}
			if err == io.EOF {
				return documents, nil
			}
		}
		if err == io.EOF {
			if current.Len() != 0 {
				documents = append(documents, append([]byte(nil), current.Bytes()...))
			}
			return documents, nil
		}
		current.Write(line)
	}
}

// readLine is one line as apimachinery's LineReader gives it: bufio's ReadLine pieces joined, then "\n".
func readLine(reader *bufio.Reader) ([]byte, error) {
	var line bytes.Buffer
	var err error
	for isPrefix := true; isPrefix && err == nil; {
		var piece []byte
		piece, isPrefix, err = reader.ReadLine()
		line.Write(piece)
	}
	line.WriteByte('\n')
	return line.Bytes(), err
}

func convert(text []byte) (result document) {
	defer func() {
		if recovered := recover(); recovered != nil {
			result = document{Error: fmt.Sprintf("panic: %v", recovered)}
		}
	}()
	converted, err := yaml.YAMLToJSON(text)
	if err != nil {
		return document{Error: err.Error()}
	}
	// What Kubernetes' JSON decoding then refuses (nesting past encoding/json's depth limit) is an error too.
	if err := json.Unmarshal(converted, new(interface{})); err != nil {
		return document{Error: "json: " + err.Error()}
	}
	return document{JSON: json.RawMessage(converted)}
}

func read(stream []byte) streamResult {
	documents, err := splitStream(stream)
	result := streamResult{Docs: make([]document, 0, len(documents))}
	for _, doc := range documents {
		result.Docs = append(result.Docs, convert(doc))
	}
	if err != nil {
		result.SplitError = err.Error()
	}
	return result
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<16)
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	for {
		header, err := in.ReadString('\n')
		if err == io.EOF && header == "" {
			return
		}
		if err != nil {
			fail("reading a frame header: %v", err)
		}
		size, err := strconv.Atoi(strings.TrimSpace(header))
		if err != nil || size < 0 {
			fail("bad frame header %q", header)
		}
		stream := make([]byte, size)
		if _, err := io.ReadFull(in, stream); err != nil {
			fail("reading a frame of %d bytes: %v", size, err)
		}
		line, err := json.Marshal(read(stream))
		if err != nil {
			fail("encoding a result: %v", err)
		}
		out.Write(line)
		out.WriteByte('\n')
		if err := out.Flush(); err != nil {
			os.Exit(1)
		}
	}
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "k8s-yaml-oracle: "+format+"\n", args...)
	os.Exit(2)
}
