/* ISC license. */

#ifndef P0FWRAP_UCSPI_H
#define P0FWRAP_UCSPI_H

#define UCSPI_NAME_MAX 64

extern char const *ucspi_env (char *, char const *) ;

#endif
