/*
 * fuzz_listen.c - libFuzzer target for server_parse_listen()
 * (src/http/server.c): the --listen option, from the command line, the
 * environment or a config file.
 *
 * Input: the option's text (made NUL-terminated; an embedded NUL ends it).
 * Checked beyond ASan/UBSan: on success listen_host is a NUL-terminated
 * numeric IPv4 or IPv6 address and the port is the one written after the last
 * ':'; on failure the message is NUL-terminated and non-empty.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/server.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct server_config cfg;
	memset(&cfg, 0x5A, sizeof cfg); /* catch a host left unterminated */
	char msg[128];
	memset(msg, 'x', sizeof msg);
	if (server_parse_listen(text, &cfg, msg, sizeof msg) == CP_OK) {
		const char *h = cfg.listen_host;
		unsigned char tmp[sizeof(struct in6_addr)];
		if (!memchr(h, '\0', sizeof cfg.listen_host))
			abort();
		if (inet_pton(AF_INET, h, tmp) != 1 && inet_pton(AF_INET6, h, tmp) != 1)
			abort();
		const char *colon = strrchr(text, ':');
		if (!colon || strtol(colon + 1, NULL, 10) != (long)cfg.port)
			abort();
	} else if (!memchr(msg, '\0', sizeof msg) || msg[0] == '\0') {
		abort();
	}
	free(text);
	return 0;
}
