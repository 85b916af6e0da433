/* hostnames — what a host name or address says by itself (hostnames.c). */
#ifndef OD_HOSTNAMES_H
#define OD_HOSTNAMES_H

/* A name that stands for the machine running the containers
 * (host.docker.internal, host.containers.internal, host.orb.internal, ...). */
int od_is_host_alias(const char *name);
/* The product whose forwarder answers at this name or address, connecting to
 * the host's own loopback ("Docker Desktop", "OrbStack" ...), or NULL;
 * addresses a LAN may use too count only from a container. */
const char *od_host_forwarder(const char *host, int in_container);
/* Whether a name is the machine's own loopback (localhost, ip6-localhost ...). */
int od_is_loopback_name(const char *name);
/* 1 for a compose service name or a Kubernetes Service name. */
int od_is_service_name(const char *host);
/* A name of more than one label under no public TLD (explain's reading). */
int od_is_name_under_no_tld(const char *host);
/* 1 for a name only the local network answers (.local, .localdomain, .test). */
int od_is_local_only_name(const char *host);
/* 1 for a name of the local network, or a private address (RFC 1918, ULA,
 * CGNAT, loopback, link-local) as the host or as the address it was
 * connected as (addr may be ""): not a public site. */
int od_is_private_target(const char *host, const char *addr);

#endif
