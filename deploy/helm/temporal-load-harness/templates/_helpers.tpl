{{/* Labels every object of the release carries. */}}
{{- define "tlh.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The image reference of both fleets. */}}
{{- define "tlh.image" -}}
{{ printf "%s:%s" .Values.image.repository .Values.image.tag }}
{{- end -}}

{{/* Prometheus scrape annotations for a pod serving /metrics on port $port. */}}
{{- define "tlh.scrape" -}}
prometheus.io/scrape: "true"
prometheus.io/port: {{ . | quote }}
prometheus.io/path: /metrics
{{- end -}}

{{/*
Connection variables for one cluster: (dict "prefix" "TEMPORAL_" "c" .Values.temporal "dir" "/etc/temporal/tls").
The API key comes only from the Secret; TLS files are mounted from it.
*/}}
{{- define "tlh.connectionEnv" -}}
- name: {{ .prefix }}ADDRESS
  value: {{ required (printf "%sADDRESS: set the cluster's host:port in values" .prefix) .c.address | quote }}
- name: {{ .prefix }}NAMESPACE
  value: {{ .c.namespace | quote }}
{{- if .c.secretName }}
- name: {{ .prefix }}API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .c.secretName }}
      key: TEMPORAL_API_KEY
      optional: true
{{- end }}
{{- if .c.tls }}
- name: {{ .prefix }}TLS_CERT
  value: {{ .dir }}/tls.crt
- name: {{ .prefix }}TLS_KEY
  value: {{ .dir }}/tls.key
- name: {{ .prefix }}TLS_CA
  value: {{ .dir }}/ca.crt
{{- end }}
{{- if .c.tlsServerName }}
- name: {{ .prefix }}TLS_SERVER_NAME
  value: {{ .c.tlsServerName | quote }}
{{- end }}
{{- end -}}

{{/* The TLS volume of one cluster, when it uses TLS. */}}
{{- define "tlh.tlsVolume" -}}
{{- if .c.tls }}
- name: {{ .name }}
  secret:
    secretName: {{ required "tls: true needs secretName (a Secret with tls.crt, tls.key, ca.crt)" .c.secretName }}
    items:
      - {key: tls.crt, path: tls.crt}
      - {key: tls.key, path: tls.key}
      - {key: ca.crt, path: ca.crt}
{{- end }}
{{- end -}}
