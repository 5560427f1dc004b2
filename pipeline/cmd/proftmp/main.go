package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"time"

	"newsfacts/pipeline/build"
	"newsfacts/pipeline/echarts"
	"newsfacts/pipeline/load"
	"newsfacts/pipeline/xlsx"
	"newsfacts/schema"
)

func main() {
	in, _ := load.Dir(os.Args[1], nil)
	res, _ := build.Build(in, nil)
	d := res.Dataset
	f, _ := os.Create("/tmp/cpu.prof")
	pprof.StartCPUProfile(f)
	t := time.Now()
	switch os.Args[2] {
	case "xlsx":
		book := xlsx.Workbook{Meta: d.Meta, Tables: d.Tables(), Views: []schema.Table{d.ClaimView(), d.ConflictView()}, Glossary: schema.Glossary}
		fmt.Println(xlsx.Write(io.Discard, book))
	case "charts":
		os.RemoveAll("/tmp/chartsout")
		_, err := echarts.Write("/tmp/chartsout", d, "node_modules")
		fmt.Println(err)
	}
	fmt.Println(os.Args[2], time.Since(t))
	pprof.StopCPUProfile()
}
