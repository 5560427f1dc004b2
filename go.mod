module newsfacts

go 1.26.8

require (
	github.com/biter777/countries v1.7.5
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/text v0.44.0
)

require github.com/google/go-cmp v0.7.0 // indirect
