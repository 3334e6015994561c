// Transcript comparison for the Go check: PASS/FAIL per step, differences as paths, a closing count line.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
)

type outcome struct {
	passed, failed int
	fields         map[string]int
}

// canonical turns a transcript value into plain JSON values so that two runs compare field by field.
func canonical(v interface{}) interface{} {
	data, _ := json.Marshal(v)
	var result interface{}
	json.Unmarshal(data, &result)
	return result
}

// plainJSON is json.Marshal without HTML escaping, so "<absent>" reads as such.
func plainJSON(v interface{}) string {
	var buf strings.Builder
	encoder := json.NewEncoder(&buf)
	encoder.SetEscapeHTML(false)
	encoder.Encode(v)
	return strings.TrimSpace(buf.String())
}

func differences(d, p interface{}, path string) []string {
	dm, dIsMap := d.(map[string]interface{})
	pm, pIsMap := p.(map[string]interface{})
	if dIsMap && pIsMap {
		keys := map[string]bool{}
		for k := range dm {
			keys[k] = true
		}
		for k := range pm {
			keys[k] = true
		}
		var sorted []string
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		var lines []string
		for _, k := range sorted {
			dv, ok1 := dm[k]
			pv, ok2 := pm[k]
			if !ok1 {
				dv = "<absent>"
			}
			if !ok2 {
				pv = "<absent>"
			}
			lines = append(lines, differences(dv, pv, path+"."+k)...)
		}
		return lines
	}
	dl, dIsList := d.([]interface{})
	pl, pIsList := p.([]interface{})
	if dIsList && pIsList {
		var lines []string
		if len(dl) != len(pl) {
			lines = append(lines, fmt.Sprintf("%s: direct has %d items, proxy has %d", path, len(dl), len(pl)))
		}
		for i := 0; i < len(dl) && i < len(pl); i++ {
			lines = append(lines, differences(dl[i], pl[i], fmt.Sprintf("%s[%d]", path, i))...)
		}
		return lines
	}
	if !reflect.DeepEqual(d, p) {
		return []string{fmt.Sprintf("%s: direct=%.400s proxy=%.400s", path, plainJSON(d), plainJSON(p))}
	}
	return nil
}

func (o *outcome) compare(label string, directSteps, proxySteps []step) {
	if dir := os.Getenv("CHECK_OUT_DIR"); dir != "" {
		os.MkdirAll(dir, 0o755)
		for name, steps := range map[string][]step{"direct": directSteps, label: proxySteps} {
			data, _ := json.MarshalIndent(steps, "", " ")
			os.WriteFile(dir+"/go-"+name+".json", data, 0o644)
		}
	}
	byName := map[string]interface{}{}
	for _, s := range proxySteps {
		byName[s.Name] = canonical(s.Data)
	}
	aborted, wasAborted := byName["aborted"]
	for _, s := range directSteps {
		other, ok := byName[s.Name]
		if !ok && wasAborted {
			o.check(label+": "+s.Name, []string{fmt.Sprintf("the scenario stopped before this step: %v", aborted)})
			return
		}
		if !ok {
			other = "<step missing>"
		}
		lines := differences(canonical(s.Data), other, s.Name)
		var problems []string
		for _, line := range lines {
			if reason, ok := allowed[strings.SplitN(line, ":", 2)[0]]; ok {
				fmt.Printf("NOTE  %s: %s\n        (deliberate: %s)\n", label, line, reason)
			} else {
				problems = append(problems, line)
			}
		}
		o.check(label+": "+s.Name, problems)
	}
}

func (o *outcome) check(name string, problems []string) {
	if len(problems) == 0 {
		o.passed++
		fmt.Println("PASS  " + name)
		return
	}
	o.failed++
	fmt.Println("FAIL  " + name)
	for i, line := range problems {
		if i == 25 {
			fmt.Printf("        ... %d more differences\n", len(problems)-25)
			break
		}
		fmt.Println("        " + line)
	}
	for _, line := range problems {
		path := strings.SplitN(line, ":", 2)[0]
		parts := strings.SplitN(path, ".", 2)
		field := path
		if len(parts) == 2 {
			field = parts[1]
		}
		for strings.Contains(field, "[") {
			open, end := strings.Index(field, "["), strings.Index(field, "]")
			if end < open {
				break
			}
			field = field[:open] + field[end+1:]
		}
		o.fields[field]++
	}
}

func (o *outcome) finish() {
	if len(o.fields) > 0 {
		fmt.Println("Differences by field, all steps:")
		for field, n := range o.fields {
			fmt.Printf("  %dx  %s\n", n, field)
		}
	}
	fmt.Printf("go-sql-driver: %d passed, %d failed\n", o.passed, o.failed)
	if o.failed > 0 {
		os.Exit(1)
	}
}
