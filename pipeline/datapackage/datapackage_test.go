package datapackage_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dlclark/regexp2"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"newsfacts/pipeline/cli"
	"newsfacts/pipeline/csv"
	"newsfacts/pipeline/datapackage"
	"newsfacts/schema"
)

// release builds data/ into a temporary folder and returns the folder.
func release(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	if code := cli.Run([]string{"build", "-data", "../../data", "-out", out}, &stdout, &stderr); code != cli.ExitOK {
		t.Fatalf("build: exit %d: %s", code, stderr.String())
	}
	return out
}

// TestValidAgainstPublishedSchema validates the release's datapackage.json
// with the published Data Package v2.0 JSON Schema (a copy of it is in
// testdata/, from the frictionlessdata/datapackage project).
func TestValidAgainstPublishedSchema(t *testing.T) {
	out := release(t)
	c := jsonschema.NewCompiler()
	c.UseRegexpEngine(ecmaRegexp) // the schema's patterns use look-ahead, which Go's regexp lacks
	f, err := os.Open("testdata/datapackage-2.0.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	const url = "https://datapackage.org/profiles/2.0/datapackage.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	desc, err := os.ReadFile(filepath.Join(out, "datapackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(desc))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("datapackage.json does not validate: %v", err)
	}
	// The validator must be able to fail: a descriptor without resources
	// and with a wrong type is refused.
	var bad map[string]any
	_ = json.Unmarshal(desc, &bad)
	bad["resources"] = "none"
	if err := sch.Validate(bad); err == nil {
		t.Error("the schema accepts resources that are not an array")
	}
}

// TestDescribesTheRelease: every file of the release (but the checksums
// and the marker) is a resource whose bytes and hash are right; every table
// has a CSV and a Parquet resource with the contract's schema; keys and
// foreign keys name fields and resources that exist.
func TestDescribesTheRelease(t *testing.T) {
	out := release(t)
	p, err := datapackage.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	if p.Schema != datapackage.Profile || p.Name != "drone-claims" || p.Version == "" || p.SchemaVersion != schema.SchemaVersion {
		t.Errorf("descriptor header: %+v", p)
	}
	if _, err := time.Parse(time.RFC3339, p.Created); err != nil {
		t.Errorf("created %q is not RFC 3339: %v", p.Created, err)
	}
	if len(p.Licenses) != 1 || p.Licenses[0].Name != "CC-BY-4.0" || len(p.Sources) == 0 {
		t.Errorf("licences %+v, sources %+v", p.Licenses, p.Sources)
	}
	resources := map[string]datapackage.Resource{}
	var paths []string
	for _, r := range p.Resources {
		if _, dup := resources[r.Name]; dup {
			t.Errorf("resource name %s is used twice", r.Name)
		}
		resources[r.Name] = r
		paths = append(paths, r.Path)
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(r.Path)))
		if err != nil {
			t.Errorf("resource %s: %v", r.Name, err)
			continue
		}
		sum := sha256.Sum256(data)
		if r.Bytes != int64(len(data)) || r.Hash != "sha256:"+hex.EncodeToString(sum[:]) {
			t.Errorf("resource %s: bytes %d hash %s; the file has %d bytes, sha256 %x", r.Name, r.Bytes, r.Hash, len(data), sum)
		}
	}
	var files []string
	err = filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, path)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files = slices.DeleteFunc(files, func(f string) bool { return f == "SHA256SUMS" || f == "datapackage.json" || f == ".dataset-release" })
	slices.Sort(files)
	slices.Sort(paths)
	if !slices.Equal(files, paths) {
		t.Errorf("resources %v\nfiles     %v", paths, files)
	}
	for _, table := range (&schema.Dataset{}).Tables() {
		for _, name := range []string{table.Name, table.Name + "-parquet"} {
			r, ok := resources[name]
			if !ok || r.Schema == nil || r.Type != "table" {
				t.Errorf("no table resource %s", name)
				continue
			}
			if !slices.Equal(r.Schema.PrimaryKey, table.Key) || len(r.Schema.Fields) != len(table.Columns) {
				t.Errorf("%s: key %v and %d fields; want %v and %d", name, r.Schema.PrimaryKey, len(r.Schema.Fields), table.Key, len(table.Columns))
				continue
			}
			for j, c := range table.Columns {
				f := r.Schema.Fields[j]
				if f.Name != c.Name || f.Description != c.Doc || (f.Constraints != nil && f.Constraints.Required) == c.Nullable {
					t.Errorf("%s field %d: %+v, want column %+v", name, j, f, c)
				}
			}
			for _, fk := range r.Schema.ForeignKeys {
				target := r
				if fk.Reference.Resource != "" {
					target = resources[fk.Reference.Resource]
				}
				if target.Schema == nil || !hasField(target.Schema, fk.Reference.Fields[0]) || !hasField(r.Schema, fk.Fields[0]) {
					t.Errorf("%s: foreign key %+v points nowhere", name, fk)
				}
			}
		}
	}
}

func hasField(s *datapackage.TableSchema, name string) bool {
	return slices.ContainsFunc(s.Fields, func(f datapackage.Field) bool { return f.Name == name })
}

// TestCSVMatchesItsSchema reads every CSV resource and checks each value
// against its field, as a Frictionless validator would: the header, types
// (integer, number, boolean, date, array as JSON), required fields, allowed
// values, primary-key uniqueness and foreign keys.
func TestCSVMatchesItsSchema(t *testing.T) {
	out := release(t)
	p, err := datapackage.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]map[string]bool{} // "resource.field" -> values, for foreign keys
	type pending struct {
		resource, field, target string
		values                  []string
	}
	var fks []pending
	for _, r := range p.Resources {
		if r.Format != "csv" || r.Schema == nil {
			continue
		}
		f, err := os.Open(filepath.Join(out, r.Path))
		if err != nil {
			t.Fatal(err)
		}
		header, records, err := csv.Read(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", r.Path, err)
		}
		for j, field := range r.Schema.Fields {
			if j >= len(header) || header[j] != field.Name {
				t.Errorf("%s: header %v does not follow the schema", r.Path, header)
				break
			}
		}
		keys := map[string]bool{}
		for i, rec := range records {
			var key []string
			for j, field := range r.Schema.Fields {
				v := rec[j]
				if slices.Contains(r.Schema.PrimaryKey, field.Name) {
					key = append(key, v)
				}
				if msg := checkValue(field, v); msg != "" {
					t.Errorf("%s line %d field %s: %q %s", r.Path, i+2, field.Name, v, msg)
				}
				id := r.Name + "." + field.Name
				if values[id] == nil {
					values[id] = map[string]bool{}
				}
				values[id][v] = true
			}
			k := strings.Join(key, "\x00")
			if keys[k] {
				t.Errorf("%s line %d: primary key %v repeats", r.Path, i+2, key)
			}
			keys[k] = true
		}
		for _, fk := range r.Schema.ForeignKeys {
			target := fk.Reference.Resource
			if target == "" {
				target = r.Name
			}
			col := slices.IndexFunc(r.Schema.Fields, func(f datapackage.Field) bool { return f.Name == fk.Fields[0] })
			var vs []string
			for _, rec := range records {
				vs = append(vs, rec[col])
			}
			fks = append(fks, pending{r.Name, fk.Fields[0], target + "." + fk.Reference.Fields[0], vs})
		}
	}
	for _, fk := range fks {
		for _, v := range fk.values {
			if v != "" && !values[fk.target][v] {
				t.Errorf("%s.%s = %q is not a value of %s", fk.resource, fk.field, v, fk.target)
			}
		}
	}
}

// checkValue returns why v does not fit field, or "".
func checkValue(f datapackage.Field, v string) string {
	if v == "" {
		if f.Constraints != nil && f.Constraints.Required {
			return "is missing but required"
		}
		return ""
	}
	if f.Constraints != nil && f.Constraints.Enum != nil && !slices.Contains(f.Constraints.Enum, v) {
		return "is not an allowed value"
	}
	var err error
	switch f.Type {
	case "integer":
		_, err = strconv.ParseInt(v, 10, 64)
	case "number":
		_, err = strconv.ParseFloat(v, 64)
	case "boolean":
		_, err = strconv.ParseBool(v)
	case "date":
		_, err = time.Parse("2006-01-02", v)
	case "array":
		var a []string
		err = json.Unmarshal([]byte(v), &a)
	}
	if err != nil {
		return "is not a valid " + f.Type
	}
	return ""
}

// ecmaRegexp compiles JSON Schema patterns as ECMAScript regular
// expressions, as the JSON Schema specification says they are.
func ecmaRegexp(pattern string) (jsonschema.Regexp, error) {
	re, err := regexp2.Compile(pattern, regexp2.ECMAScript)
	if err != nil {
		return nil, err
	}
	return (*ecmaRE)(re), nil
}

type ecmaRE regexp2.Regexp

func (re *ecmaRE) MatchString(s string) bool {
	ok, err := (*regexp2.Regexp)(re).MatchString(s)
	return err == nil && ok
}

func (re *ecmaRE) String() string { return (*regexp2.Regexp)(re).String() }
