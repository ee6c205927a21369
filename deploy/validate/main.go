// Command validate checks rendered Kubernetes manifests (helm template output on stdin) without a cluster:
// every document is decoded strictly against the Kubernetes API types of the pinned client-go (unknown
// fields, wrong types and duplicate fields are errors, as kubectl's server-side validation would report
// them), and the fleets' own rules are checked: every container has CPU and memory requests and limits,
// every pod template carries the Prometheus scrape annotations on a declared container port, and no
// TEMPORAL_*/TLH_CONTROL_* API key is given as a literal value (it must come from a Secret).
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/kubernetes/scheme"
)

func main() {
	decoder := json.NewSerializerWithOptions(json.DefaultMetaFactory, scheme.Scheme, scheme.Scheme,
		json.SerializerOptions{Yaml: true, Strict: true})
	reader := utilyaml.NewYAMLReader(bufio.NewReader(os.Stdin))
	var problems []string
	documents := 0
	for {
		doc, err := reader.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			fail("reading manifests: %v", err)
		}
		if len(bytes.TrimSpace(stripComments(doc))) == 0 {
			continue
		}
		documents++
		obj, gvk, err := decoder.Decode(doc, nil, nil)
		if err != nil {
			problems = append(problems, fmt.Sprintf("document %d: %v", documents, err))
			// A strict-only error still decoded the object: its fleet rules are checked too.
			if obj == nil || !runtime.IsStrictDecodingError(err) {
				continue
			}
		}
		problems = append(problems, check(obj, fmt.Sprintf("%s %s", gvk.Kind, name(obj)))...)
	}
	if documents == 0 {
		fail("no manifests on stdin")
	}
	if len(problems) > 0 {
		fail("%d problem(s):\n  %s", len(problems), strings.Join(problems, "\n  "))
	}
	fmt.Printf("validate: %d manifest(s) valid against the Kubernetes API types (client-go strict decoding) and the fleet rules\n", documents)
}

func check(obj runtime.Object, what string) []string {
	deployment, ok := obj.(*appsv1.Deployment)
	if !ok {
		return nil
	}
	var problems []string
	pod := deployment.Spec.Template
	if pod.Annotations["prometheus.io/scrape"] != "true" || pod.Annotations["prometheus.io/path"] == "" {
		problems = append(problems, what+": pod template lacks prometheus.io/scrape and prometheus.io/path annotations")
	}
	port, err := strconv.Atoi(pod.Annotations["prometheus.io/port"])
	if err != nil {
		problems = append(problems, what+": prometheus.io/port is not a port number")
	}
	declared := false
	for _, c := range pod.Spec.Containers {
		for _, p := range c.Ports {
			if int(p.ContainerPort) == port {
				declared = true
			}
		}
		for _, r := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
			if _, ok := c.Resources.Requests[r]; !ok {
				problems = append(problems, fmt.Sprintf("%s: container %s has no %s request", what, c.Name, r))
			}
			if _, ok := c.Resources.Limits[r]; !ok {
				problems = append(problems, fmt.Sprintf("%s: container %s has no %s limit", what, c.Name, r))
			}
		}
		for _, e := range c.Env {
			if strings.HasSuffix(e.Name, "API_KEY") && e.Value != "" {
				problems = append(problems, fmt.Sprintf("%s: container %s sets %s as a literal value; it must come from a Secret", what, c.Name, e.Name))
			}
		}
	}
	if !declared {
		problems = append(problems, fmt.Sprintf("%s: no container declares the scrape port %d", what, port))
	}
	return problems
}

func name(obj runtime.Object) string {
	if d, ok := obj.(*appsv1.Deployment); ok {
		return d.Name
	}
	return ""
}

func stripComments(doc []byte) []byte {
	var out [][]byte
	for _, line := range bytes.Split(doc, []byte("\n")) {
		if !bytes.HasPrefix(bytes.TrimSpace(line), []byte("#")) {
			out = append(out, line)
		}
	}
	return bytes.Join(out, []byte("\n"))
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "validate: "+format+"\n", args...)
	os.Exit(1)
}
